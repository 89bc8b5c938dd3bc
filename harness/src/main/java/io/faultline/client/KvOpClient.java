package io.faultline.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checker.history.JsonValues;
import io.faultline.generator.Invocation;
import io.faultline.workload.ClientKind;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The client mapping for the KV node's HTTP API (DESIGN.md, "Client API"). Outcome rules: 200 →
 * ok; 412 → fail {@code cas-mismatch}; 503 → fail {@code unavailable} (definite); a connection that
 * could not be opened → fail {@code not-sent} (no request left); 504, 500, other
 * statuses, timeouts and connection errors → info (the operation may have happened); 400, 404, 405
 * and 413 mean the harness sent a bad request: info, and reported loudly through {@code harnessBug}.
 */
public final class KvOpClient implements OpClient {
  private static final ObjectMapper JSON = JsonValues.mapper();

  private final ClientKind kind;
  private final KeepAliveHttp http;
  private final Consumer<String> harnessBug;

  public KvOpClient(ClientKind kind, KeepAliveHttp http, Consumer<String> harnessBug) {
    this.kind = kind;
    this.http = http;
    this.harnessBug = harnessBug;
  }

  @Override
  public Completion invoke(Invocation op) {
    Request request;
    try {
      request = request(op);
    } catch (IOException | RuntimeException e) {
      harnessBug.accept("cannot encode " + op + ": " + e.getMessage());
      return Completion.fail(op.value(), "harness-cannot-encode");
    }
    HttpResponse response;
    try {
      response = http.exchange(request.method, request.path, request.body);
    } catch (NotSentException e) {
      return Completion.fail(op.value(), "not-sent"); // no connection, so no request: definitely not done
    } catch (SocketTimeoutException e) {
      return Completion.info(op.value(), "timeout");
    } catch (IOException e) {
      String msg = e.getMessage();
      return Completion.info(op.value(), "connection: " + (msg == null ? e.getClass().getSimpleName() : msg));
    }
    return outcome(op, response);
  }

  private record Request(String method, String path, byte[] body) {}

  private Request request(Invocation op) throws IOException {
    switch (kind) {
      case REGISTER:
        String path = "/kv/" + URLEncoder.encode(String.valueOf(op.key()), StandardCharsets.UTF_8);
        switch (op.f()) {
          case "read":
            return new Request("GET", path, null);
          case "write":
            return new Request("PUT", path, JSON.writeValueAsBytes(Map.of("value", op.value())));
          case "cas":
            List<?> ev = (List<?>) op.value();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("expect", ev.get(0));
            body.put("value", ev.get(1));
            return new Request("POST", path + "/cas", JSON.writeValueAsBytes(body));
          default:
            throw new IllegalArgumentException("register client cannot do f=" + op.f());
        }
      case SET:
        List<Object> micro = new ArrayList<>(3);
        micro.add("add".equals(op.f()) ? "append" : "r");
        micro.add(op.key());
        micro.add("add".equals(op.f()) ? op.value() : null);
        return new Request("POST", "/txn", JSON.writeValueAsBytes(Map.of("ops", List.of(micro))));
      case TXN:
        return new Request("POST", "/txn", JSON.writeValueAsBytes(Map.of("ops", op.value())));
      default:
        throw new IllegalStateException("unknown client kind " + kind);
    }
  }

  private Completion outcome(Invocation op, HttpResponse response) {
    int status = response.status();
    switch (status) {
      case 200:
        try {
          return Completion.ok(okValue(op, response));
        } catch (IOException | RuntimeException e) {
          harnessBug.accept("unreadable 200 answer to " + op + ": " + response.bodyText());
          return Completion.info(op.value(), "unreadable-response");
        }
      case 412:
        return Completion.fail(op.value(), "cas-mismatch");
      case 503:
        return Completion.fail(op.value(), "unavailable");
      case 400:
      case 404:
      case 405:
      case 413:
        harnessBug.accept("node answered " + status + " to " + op + ": " + response.bodyText());
        return Completion.info(op.value(), "http-" + status);
      default:
        return Completion.info(op.value(), status == 504 ? "indeterminate" : "http-" + status);
    }
  }

  private Object okValue(Invocation op, HttpResponse response) throws IOException {
    switch (kind) {
      case REGISTER:
        if (!"read".equals(op.f())) {
          return op.value();
        }
        Map<?, ?> read = JSON.readValue(response.body(), Map.class);
        if (!read.containsKey("value")) {
          throw new IOException("no \"value\" in read answer");
        }
        return read.get("value");
      case SET:
        if ("add".equals(op.f())) {
          return op.value();
        }
        Object got = MicroOpsJson.ops(JSON.readValue(response.body(), Map.class)).get(0);
        Object list = ((List<?>) got).get(2);
        return list == null ? List.of() : list;
      case TXN:
        return MicroOpsJson.ops(JSON.readValue(response.body(), Map.class));
      default:
        throw new IllegalStateException("unknown client kind " + kind);
    }
  }

  @Override
  public void close() {
    http.close();
  }

  /** Extracts the {@code "ops"} list of a transaction answer. */
  private static final class MicroOpsJson {
    static List<?> ops(Map<?, ?> answer) throws IOException {
      Object ops = answer.get("ops");
      if (!(ops instanceof List<?> list)) {
        throw new IOException("no \"ops\" list in txn answer");
      }
      return list;
    }
  }
}
