package io.faultline.proxy.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.proxy.toxic.ToxicType;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes request bodies the way the real server's Go decoder does: unknown fields ignored, field
 * names matched case-insensitively, {@code null} leaves a field unset, and a value of the wrong JSON
 * type is a 400 {@code bad request body: json: cannot unmarshal <kind> into Go struct field ...}.
 * Request Content-Type is never looked at.
 */
final class Requests {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Settings of a proxy; every field may be absent (null). */
  record ProxyFields(String name, String listen, String upstream, Boolean enabled) {}

  /** A toxic as sent; attributes are decoded later, once the type is known. */
  record ToxicFields(String name, String type, String stream, Float toxicity, JsonNode attributes) {}

  private Requests() {}

  static JsonNode parse(byte[] body) {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw ApiException.badBody("EOF");
    }
    try (JsonParser parser = MAPPER.createParser(text)) {
      JsonNode node = MAPPER.readTree(parser);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badBody("EOF");
      }
      rejectTrailing(text, (int) parser.getCurrentLocation().getCharOffset());
      return node;
    } catch (JsonEOFException e) {
      throw ApiException.badBody("unexpected EOF");
    } catch (JsonProcessingException e) {
      throw ApiException.badBody("invalid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // reading a String does not fail
    }
  }

  /**
   * Anything but whitespace after the value is refused with the message Go's json.Unmarshal
   * gives. (The real server's streaming decoder would ignore it and act on the first value: a
   * deliberate difference, so that {@code {"enabled":false}{"enabled":true}} is an error, not a
   * disable.)
   */
  private static void rejectTrailing(String text, int end) {
    for (int i = end; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        throw ApiException.badBody("invalid character " + goQuote(c) + " after top-level value");
      }
    }
  }

  /** A character as Go's decoder error quotes it: {@code 'x'}, {@code '\x00'}. */
  private static String goQuote(char c) {
    if (c >= 0x20 && c < 0x7f) {
      return c == '\\' ? "'\\\\'" : "'" + c + "'";
    }
    return c < 0x100 ? String.format("'\\x%02x'", (int) c) : String.format("'\\u%04x'", (int) c);
  }

  static ProxyFields proxy(JsonNode node) {
    requireObject(node, "proxy.Proxy");
    return new ProxyFields(
        string(node, "name", "Proxy"),
        string(node, "listen", "Proxy"),
        string(node, "upstream", "Proxy"),
        bool(node, "enabled", "Proxy"));
  }

  static ToxicFields toxic(JsonNode node) {
    requireObject(node, "toxics.ToxicWrapper");
    JsonNode attributes = field(node, "attributes");
    if (attributes != null && !attributes.isNull() && !attributes.isObject()) {
      throw ApiException.badBody(mismatch(attributes, "ToxicWrapper.attributes", "toxics.Toxic"));
    }
    return new ToxicFields(
        string(node, "name", "ToxicWrapper"),
        string(node, "type", "ToxicWrapper"),
        string(node, "stream", "ToxicWrapper"),
        float32(node, "toxicity"),
        attributes == null || attributes.isNull() ? null : attributes);
  }

  /** The attributes given for a toxic of {@code type}: only its own names, as int64 values. */
  static Map<String, Long> attributes(ToxicType type, JsonNode attributes) {
    Map<String, Long> values = new HashMap<>();
    if (attributes == null) {
      return values;
    }
    for (String name : type.attributeNames()) {
      JsonNode value = field(attributes, name);
      if (value == null || value.isNull()) {
        continue;
      }
      String goField = type.goStruct() + "." + name;
      String goType = type == ToxicType.SLICER ? "int" : "int64";
      if (!value.isNumber()) {
        throw ApiException.badBody(mismatch(value, goField, goType));
      }
      if (!value.isIntegralNumber() || !value.canConvertToLong()) {
        throw ApiException.badBody(
            "json: cannot unmarshal number " + value + " into Go struct field " + goField + " of type " + goType);
      }
      values.put(name, value.longValue());
    }
    return values;
  }

  static void requireObject(JsonNode node, String goType) {
    if (!node.isObject()) {
      throw ApiException.badBody("json: cannot unmarshal " + kind(node) + " into Go value of type " + goType);
    }
  }

  /** Go's decoder matches keys case-insensitively, preferring an exact match. */
  static JsonNode field(JsonNode object, String name) {
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (key.toLowerCase(Locale.ROOT).equals(name)) {
        return object.get(key);
      }
    }
    return null;
  }

  private static String string(JsonNode node, String name, String struct) {
    JsonNode value = field(node, name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badBody(mismatch(value, struct + "." + name, "string"));
    }
    return value.textValue();
  }

  private static Boolean bool(JsonNode node, String name, String struct) {
    JsonNode value = field(node, name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw ApiException.badBody(mismatch(value, struct + "." + name, "bool"));
    }
    return value.booleanValue();
  }

  private static Float float32(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw ApiException.badBody(mismatch(value, "ToxicWrapper." + name, "float32"));
    }
    return value.floatValue();
  }

  private static String mismatch(JsonNode value, String goField, String goType) {
    return "json: cannot unmarshal " + kind(value) + " into Go struct field " + goField + " of type " + goType;
  }

  private static String kind(JsonNode node) {
    if (node.isTextual()) {
      return "string";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isObject()) {
      return "object";
    }
    return "null";
  }
}
