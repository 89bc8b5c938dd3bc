package io.faultline.examples.etcd;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checker.history.JsonValues;
import io.faultline.client.Completion;
import io.faultline.client.HttpResponse;
import io.faultline.client.KeepAliveHttp;
import io.faultline.client.OpClient;
import io.faultline.generator.Invocation;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The register workloads' operations against etcd's v3 HTTP/JSON gateway (keys and values base64,
 * values stored as their JSON text): read → {@code POST /v3/kv/range} (linearizable by default,
 * {@code serializable} false); write → {@code /v3/kv/put}; cas → {@code /v3/kv/txn} comparing the
 * value (or, for an expected empty register, that the key was never created) and putting on success.
 *
 * <p>Outcomes: 200 is ok, except a txn whose {@code succeeded} is not true, which is fail {@code
 * cas-mismatch}. Any other answer, a timeout or a lost connection is fail for a read (a read changes
 * nothing, so calling it failed is safe) and info for a write or cas (it may have been applied).
 */
final class EtcdClient implements OpClient {
  private static final ObjectMapper JSON = JsonValues.mapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final KeepAliveHttp http;
  private final boolean serializableReads;
  private final Consumer<String> harnessBug;

  /** @param serializableReads ask for possibly stale local reads (a positive control), not linearizable ones */
  EtcdClient(KeepAliveHttp http, boolean serializableReads, Consumer<String> harnessBug) {
    this.http = http;
    this.serializableReads = serializableReads;
    this.harnessBug = harnessBug;
  }

  @Override
  public Completion invoke(Invocation op) {
    String key = b64(String.valueOf(op.key()));
    Map<String, Object> body = new LinkedHashMap<>();
    String path;
    try {
      switch (op.f()) {
        case "read" -> {
          path = "/v3/kv/range";
          body.put("key", key);
          if (serializableReads) {
            body.put("serializable", true);
          }
        }
        case "write" -> {
          path = "/v3/kv/put";
          body.put("key", key);
          body.put("value", b64(JSON.writeValueAsString(op.value())));
        }
        case "cas" -> {
          path = "/v3/kv/txn";
          List<?> ev = (List<?>) op.value();
          Map<String, Object> compare = new LinkedHashMap<>();
          compare.put("key", key);
          compare.put("result", "EQUAL");
          if (ev.get(0) == null) {
            compare.put("target", "CREATE");
            compare.put("create_revision", "0");
          } else {
            compare.put("target", "VALUE");
            compare.put("value", b64(JSON.writeValueAsString(ev.get(0))));
          }
          body.put("compare", List.of(compare));
          body.put("success", List.of(Map.of("requestPut",
              Map.of("key", key, "value", b64(JSON.writeValueAsString(ev.get(1)))))));
        }
        default -> throw new IllegalArgumentException("etcd register client cannot do f=" + op.f());
      }
    } catch (IOException | RuntimeException e) {
      harnessBug.accept("cannot encode " + op + ": " + e.getMessage());
      return Completion.fail(op.value(), "harness-cannot-encode");
    }
    boolean read = op.f().equals("read");
    HttpResponse response;
    try {
      response = http.exchange("POST", path, JSON.writeValueAsBytes(body));
    } catch (SocketTimeoutException e) {
      return read ? Completion.fail(null, "timeout") : Completion.info(op.value(), "timeout");
    } catch (IOException e) {
      String error = "connection: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      return read ? Completion.fail(null, error) : Completion.info(op.value(), error);
    }
    if (response.status() != 200) {
      String error = "http-" + response.status() + " " + brief(response.bodyText());
      return read ? Completion.fail(null, error) : Completion.info(op.value(), error);
    }
    try {
      Map<?, ?> answer = JSON.readValue(response.body(), Map.class);
      return switch (op.f()) {
        case "read" -> Completion.ok(readValue(answer));
        case "cas" -> Boolean.TRUE.equals(answer.get("succeeded"))
            ? Completion.ok(op.value()) : Completion.fail(op.value(), "cas-mismatch");
        default -> Completion.ok(op.value());
      };
    } catch (IOException | RuntimeException e) {
      harnessBug.accept("unreadable 200 answer to " + op + ": " + brief(response.bodyText()));
      return read ? Completion.fail(null, "unreadable-response") : Completion.info(op.value(), "unreadable-response");
    }
  }

  private static Object readValue(Map<?, ?> answer) throws IOException {
    if (!(answer.get("kvs") instanceof List<?> kvs) || kvs.isEmpty()) {
      return null; // the gateway omits "kvs" for a key that does not exist
    }
    Object value = ((Map<?, ?>) kvs.get(0)).get("value");
    if (value == null) {
      throw new IOException("kv without a value");
    }
    return JSON.readValue(B64D.decode(String.valueOf(value)), Object.class);
  }

  private static String b64(String s) {
    return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String brief(String s) {
    String oneLine = s.replace('\n', ' ').strip();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }

  @Override
  public void close() {
    http.close();
  }
}
