package io.faultline.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checker.history.JsonValues;
import io.faultline.runtime.NodeSpec.Address;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The node's admin endpoints: {@code GET /admin/status} and {@code POST /admin/clock}. A new
 * connection per call (admin calls are rare and must not share state with client processes).
 */
public final class NodeAdmin {
  private static final ObjectMapper JSON = JsonValues.mapper();
  private final int timeoutMillis;

  public NodeAdmin(int timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  /** The node's status map, or empty when it does not answer 200 in time. */
  public Optional<Map<String, Object>> status(Address node) {
    try (KeepAliveHttp http = new KeepAliveHttp(node.host(), node.port(), timeoutMillis)) {
      HttpResponse r = http.exchange("GET", "/admin/status", null);
      if (r.status() != 200) {
        return Optional.empty();
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> status = JSON.readValue(r.body(), Map.class);
      return Optional.of(status);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Sets the node clock to {@code offsetMs + rate × monotonic}. */
  public void clock(Address node, long offsetMs, double rate) throws IOException {
    try (KeepAliveHttp http = new KeepAliveHttp(node.host(), node.port(), timeoutMillis)) {
      byte[] body = JSON.writeValueAsBytes(Map.of("offsetMs", offsetMs, "rate", rate));
      HttpResponse r = http.exchange("POST", "/admin/clock", body);
      if (r.status() != 200) {
        throw new IOException("POST /admin/clock on " + node + " answered " + r.status() + ": " + r.bodyText());
      }
    }
  }
}
