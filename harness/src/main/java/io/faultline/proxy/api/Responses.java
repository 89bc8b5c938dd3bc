package io.faultline.proxy.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.faultline.proxy.toxic.Toxic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Renders response bodies byte-compatible with the real server: compact JSON, fields in its order
 * (proxy: name, listen, upstream, enabled, toxics; toxic: attributes, name, type, stream, toxicity),
 * float32 toxicity printed the way Go prints it ({@code 1}, {@code 0.5}).
 */
final class Responses {
  private static final JsonFactory FACTORY = new JsonFactory();

  private interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private Responses() {}

  static byte[] proxy(ProxyView proxy) {
    return render(json -> writeProxy(json, proxy));
  }

  /** GET /proxies: an object keyed by name, keys sorted as Go's encoder sorts map keys. */
  static byte[] proxyMap(List<ProxyView> proxies) {
    return render(
        json -> {
          json.writeStartObject();
          for (ProxyView proxy : proxies) {
            json.writeFieldName(proxy.name());
            writeProxy(json, proxy);
          }
          json.writeEndObject();
        });
  }

  static byte[] toxic(Toxic toxic) {
    return render(json -> writeToxic(json, toxic));
  }

  static byte[] toxics(List<Toxic> toxics) {
    return render(
        json -> {
          json.writeStartArray();
          for (Toxic toxic : toxics) {
            writeToxic(json, toxic);
          }
          json.writeEndArray();
        });
  }

  /** The error body: JSON, then a newline (it is written by Go's text error helper). */
  static byte[] error(ApiException error) {
    byte[] json =
        render(
            out -> {
              out.writeStartObject();
              out.writeStringField("error", error.getMessage());
              out.writeNumberField("status", error.status());
              out.writeEndObject();
            });
    return withNewline(json);
  }

  /** /populate: {@code {"proxies":[...]}}, with error and status first when it failed. */
  static byte[] populate(List<ProxyView> proxies, ApiException error) {
    return render(
        json -> {
          json.writeStartObject();
          if (error != null) {
            json.writeStringField("error", error.getMessage());
            json.writeNumberField("status", error.status());
          }
          json.writeFieldName("proxies");
          if (proxies.isEmpty()) {
            json.writeNull();
          } else {
            json.writeStartArray();
            for (ProxyView proxy : proxies) {
              writeProxy(json, proxy);
            }
            json.writeEndArray();
          }
          json.writeEndObject();
        });
  }

  static byte[] withNewline(byte[] body) {
    byte[] out = java.util.Arrays.copyOf(body, body.length + 1);
    out[body.length] = '\n';
    return out;
  }

  private static void writeProxy(JsonGenerator json, ProxyView proxy) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", proxy.name());
    json.writeStringField("listen", proxy.listen());
    json.writeStringField("upstream", proxy.upstream());
    json.writeBooleanField("enabled", proxy.enabled());
    json.writeFieldName("toxics");
    json.writeStartArray();
    for (Toxic toxic : proxy.toxics()) {
      writeToxic(json, toxic);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeToxic(JsonGenerator json, Toxic toxic) throws IOException {
    json.writeStartObject();
    json.writeFieldName("attributes");
    json.writeStartObject();
    for (Map.Entry<String, Long> attribute : toxic.attributeValues().entrySet()) {
      json.writeNumberField(attribute.getKey(), attribute.getValue());
    }
    json.writeEndObject();
    json.writeStringField("name", toxic.name());
    json.writeStringField("type", toxic.type().wireName());
    json.writeStringField("stream", toxic.stream());
    json.writeFieldName("toxicity");
    json.writeNumber(goFloat32(toxic.toxicity()));
    json.writeEndObject();
  }

  /** Go prints float32 in its shortest form without exponent in [1e-6, 1e21): 1, 0.5, 0.25. */
  static String goFloat32(float value) {
    if (Float.isNaN(value) || Float.isInfinite(value)) {
      return "0";
    }
    float magnitude = Math.abs(value);
    if (magnitude == 0 || (magnitude >= 1e-6f && magnitude < 1e21f)) {
      return new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
    }
    return Float.toString(value).toLowerCase(java.util.Locale.ROOT);
  }

  private static byte[] render(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
