package io.faultline.report.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.checker.history.JsonValues;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Chrome DevTools Protocol connection over a WebSocket (java.net.http): commands are matched
 * to their answers by id; events are kept in arrival order for whoever asks. Flattened target
 * sessions share this connection, addressed by {@code sessionId}. Every wait is bounded.
 */
final class CdpConnection implements AutoCloseable {
  private static final ObjectMapper JSON = JsonValues.mapper();

  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder(); // only the WebSocket's listener thread touches it
  private WebSocket socket;

  private CdpConnection() {}

  static CdpConnection open(URI ws, Duration timeout) throws IOException {
    CdpConnection connection = new CdpConnection();
    WebSocket.Listener listener = new WebSocket.Listener() {
      @Override
      public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
      }

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        connection.partial.append(data);
        if (last) {
          String message = connection.partial.toString();
          connection.partial.setLength(0);
          connection.receive(message);
        }
        webSocket.request(1);
        return null;
      }
    };
    try {
      connection.socket = HttpClient.newBuilder().connectTimeout(timeout).build().newWebSocketBuilder()
          .connectTimeout(timeout).buildAsync(ws, listener).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return connection;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + ws, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot open the DevTools WebSocket " + ws + ": " + e, e);
    }
  }

  private void receive(String message) {
    JsonNode m;
    try {
      m = JSON.readTree(message);
    } catch (IOException e) {
      return;
    }
    if (m.has("id")) {
      CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
      if (f != null) {
        f.complete(m);
      }
    } else {
      synchronized (events) {
        events.add(m);
        events.notifyAll();
      }
    }
  }

  /** Sends a command (to a target session when {@code sessionId} is not null) and returns its result. */
  JsonNode send(String sessionId, String method, Map<String, ?> params, Duration timeout) throws IOException {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", JSON.valueToTree(params == null ? Map.of() : params));
    if (sessionId != null) {
      msg.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      socket.sendText(JSON.writeValueAsString(msg), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      JsonNode r = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (r.has("error")) {
        throw new IOException(method + " failed: " + r.get("error"));
      }
      return r.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during " + method, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(method + ": no answer within " + timeout.toMillis() + " ms (" + e + ")", e);
    } finally {
      pending.remove(id);
    }
  }

  /** Events so far for {@code sessionId} (all when null), oldest first. */
  List<JsonNode> events(String sessionId) {
    synchronized (events) {
      return events.stream().filter(e -> sessionId == null || sessionId.equals(e.path("sessionId").asText(null)))
          .toList();
    }
  }

  /** Waits until an event {@code method} arrived for the session after {@code fromIndex} of its events. */
  JsonNode await(String sessionId, String method, int fromIndex, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (events) {
      while (true) {
        List<JsonNode> mine = events(sessionId);
        for (int i = fromIndex; i < mine.size(); i++) {
          if (method.equals(mine.get(i).path("method").asText())) {
            return mine.get(i);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IOException("no " + method + " event within " + timeout.toMillis() + " ms");
        }
        try {
          events.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted waiting for " + method, e);
        }
      }
    }
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    socket.abort();
  }
}
