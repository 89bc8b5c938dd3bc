package io.faultline.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.faultline.node.HostPort;
import io.faultline.node.NodeLog;
import io.faultline.node.clock.NodeClock;
import io.faultline.node.consensus.Consensus;
import io.faultline.node.consensus.ConsensusStatus;
import io.faultline.node.http.KvResponses.Response;
import io.faultline.node.kv.KvCodec;
import io.faultline.node.kv.KvCommand;
import io.faultline.node.kv.KvQuery;
import io.faultline.node.kv.MicroOp;
import io.faultline.node.kv.RequestIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The client API of a node (DESIGN.md table): {@code GET/PUT /kv/{key}}, {@code POST
 * /kv/{key}/cas}, {@code POST /txn}, {@code GET /admin/status}, {@code POST /admin/clock}.
 *
 * <p>Writes go through {@link Consensus#propose}, reads through {@link Consensus#query}; the
 * handler thread never waits on the protocol: the response is written when the future completes
 * (or after the per-request timeout, as 504). Malformed input → 400, unknown path → 404, wrong
 * method → 405, body over the limit → 413; nothing a client sends can crash the node. HTTP/1.1
 * keep-alive is the JDK server's.
 */
public final class KvHttpServer implements AutoCloseable {
  private final HostPort listen;
  private final String nodeId;
  private final String protocol;
  private final Consensus consensus;
  private final NodeClock clock;
  private final RequestIds requestIds;
  private final int maxBodyBytes;
  private final int timeoutMs;
  private final NodeLog log;
  private final Supplier<ConsensusStatus> status;
  private ExecutorService executor;
  private HttpServer server;

  public KvHttpServer(
      HostPort listen,
      String nodeId,
      String protocol,
      Consensus consensus,
      NodeClock clock,
      RequestIds requestIds,
      int maxBodyBytes,
      int timeoutMs,
      NodeLog log) {
    this.listen = listen;
    this.nodeId = nodeId;
    this.protocol = protocol;
    this.consensus = consensus;
    this.clock = clock;
    this.requestIds = requestIds;
    this.maxBodyBytes = maxBodyBytes;
    this.timeoutMs = timeoutMs;
    this.log = log;
    this.status = consensus::status;
  }

  public void start() throws IOException {
    // Without this the JDK server leaves Nagle on and small replies wait for delayed ACKs.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // The default (200) closes keep-alive connections beyond it between requests, which a client
    // with hundreds of connections would see as failed requests.
    System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
    // Handlers never wait on the protocol, but reading a body can block on a slow client.
    int threads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "http-" + nodeId);
      t.setDaemon(true);
      return t;
    });
    warmUpJson();
    server = HttpServer.create(new InetSocketAddress(listen.host(), listen.port()), 1_024);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Jackson builds its (de)serialisers on first use, which takes seconds on a loaded machine; do
   * it before listening so the first client request is not the one that pays (and times out).
   */
  private void warmUpJson() {
    try {
      KvCodec.JSON.writeValueAsBytes(statusJson());
      KvCodec.JSON.writeValueAsBytes(KvResponses.fromFailure(new IllegalStateException("warm-up"), timeoutMs).body());
      KvRequests.ops(KvRequests.parseObject("{\"ops\":[[\"r\",\"k\",null],[\"append\",1,[2.5,\"x\",true]]]}".getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | BadRequestException e) {
      throw new IllegalStateException("JSON warm-up failed", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) {
    try {
      route(exchange);
    } catch (BadRequestException e) {
      send(exchange, KvResponses.error(e.status(), e.getMessage()));
    } catch (RuntimeException e) {
      log.error("request " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed: " + e);
      send(exchange, KvResponses.error(500, "internal error: " + e));
    }
  }

  private void route(HttpExchange exchange) throws BadRequestException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    if (path.startsWith("/kv/")) {
      String rest = path.substring(4);
      if (rest.endsWith("/cas")) {
        requireMethod(exchange, "POST");
        cas(exchange, decodeKey(rest.substring(0, rest.length() - 4)));
      } else {
        String key = decodeKey(rest);
        if (method.equals("GET")) {
          read(exchange, key);
        } else if (method.equals("PUT")) {
          put(exchange, key);
        } else {
          throw methodNotAllowed(exchange, "GET, PUT");
        }
      }
    } else if (path.equals("/txn")) {
      requireMethod(exchange, "POST");
      txn(exchange);
    } else if (path.equals("/admin/status")) {
      requireMethod(exchange, "GET");
      send(exchange, new Response(200, statusJson()));
    } else if (path.equals("/admin/clock")) {
      requireMethod(exchange, "POST");
      setClock(exchange);
    } else {
      throw new BadRequestException(404, "no such path: " + path);
    }
  }

  private void read(HttpExchange exchange, String key) {
    await(exchange, () -> consensus.query(KvCodec.encode(new KvQuery.Get(key))), null);
  }

  private void put(HttpExchange exchange, String key) throws BadRequestException {
    JsonNode body = KvRequests.parseObject(body(exchange));
    JsonNode value = KvRequests.field(body, "value");
    KvCommand command = new KvCommand.Put(requestIds.next(), key, value);
    await(exchange, () -> consensus.propose(KvCodec.encode(command)), null);
  }

  private void cas(HttpExchange exchange, String key) throws BadRequestException {
    JsonNode body = KvRequests.parseObject(body(exchange));
    KvCommand command =
        new KvCommand.Cas(requestIds.next(), key, KvRequests.field(body, "expect"), KvRequests.field(body, "value"));
    await(exchange, () -> consensus.propose(KvCodec.encode(command)), null);
  }

  private void txn(HttpExchange exchange) throws BadRequestException {
    JsonNode body = KvRequests.parseObject(body(exchange));
    List<MicroOp> ops = KvRequests.ops(body);
    List<JsonNode> keys = new ArrayList<>(ops.size());
    body.get("ops").forEach(op -> keys.add(op.get(1)));
    if (KvQuery.ReadTxn.readsOnly(ops)) {
      // Read-only: through the read path, so --read-mode (and its positive controls) applies.
      KvQuery query = new KvQuery.ReadTxn(ops);
      await(exchange, () -> consensus.query(KvCodec.encode(query)), keys);
      return;
    }
    KvCommand command = new KvCommand.Txn(requestIds.next(), ops);
    await(exchange, () -> consensus.propose(KvCodec.encode(command)), keys);
  }

  private void setClock(HttpExchange exchange) throws BadRequestException {
    JsonNode body = KvRequests.parseObject(body(exchange));
    JsonNode offset = body.get("offsetMs");
    JsonNode rate = body.get("rate");
    if (offset != null && !offset.isIntegralNumber()) {
      throw new BadRequestException("field \"offsetMs\" must be an integer");
    }
    if (rate != null && !rate.isNumber()) {
      throw new BadRequestException("field \"rate\" must be a number");
    }
    long offsetMs = offset == null ? clock.offsetMs() : offset.asLong();
    double newRate = rate == null ? clock.rate() : rate.asDouble();
    try {
      clock.set(offsetMs, newRate);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("field \"rate\": " + e.getMessage());
    }
    log.info("clock set: offsetMs=" + offsetMs + " rate=" + newRate);
    send(exchange, KvResponses.ok());
  }

  private ObjectNode statusJson() {
    ConsensusStatus s = status.get();
    ObjectNode json = KvResponses.object();
    json.put("id", nodeId).put("protocol", protocol).put("role", s.role()).put("term", s.term());
    json.put("leader", s.leader());
    json.put("commitIndex", s.commitIndex()).put("appliedIndex", s.appliedIndex());
    if (!s.ledTerms().isEmpty()) {
      s.ledTerms().forEach(json.putArray("ledTerms")::add);
    }
    return json;
  }

  /** Sends the protocol's answer when it arrives, or 504 after the timeout. */
  private void await(
      HttpExchange exchange, Supplier<CompletableFuture<byte[]>> call, List<JsonNode> txnKeys) {
    CompletableFuture<byte[]> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      send(exchange, KvResponses.fromFailure(e, timeoutMs));
      return;
    }
    if (future.isDone()) {
      // Local reads complete at once: answer on this thread instead of a second hand-off.
      complete(exchange, future, txnKeys);
      return;
    }
    // Completion happens on the protocol's thread; never write sockets there.
    future
        .orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .whenCompleteAsync((output, failure) -> complete(exchange, future, txnKeys), executor);
  }

  private void complete(HttpExchange exchange, CompletableFuture<byte[]> future, List<JsonNode> txnKeys) {
    Response response;
    try {
      byte[] output = future.getNow(null);
      response = KvResponses.fromResult(output, txnKeys);
    } catch (CompletionException | CancellationException failure) {
      response = KvResponses.fromFailure(failure, timeoutMs);
    } catch (RuntimeException e) {
      response = KvResponses.error(500, "internal error: " + e);
    }
    send(exchange, response);
  }

  private byte[] body(HttpExchange exchange) throws BadRequestException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw new BadRequestException("bad Content-Length header: " + declared);
      }
      if (length > maxBodyBytes) {
        throw new BadRequestException(413, "body of " + length + " bytes exceeds the limit of " + maxBodyBytes);
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(maxBodyBytes + 1);
      if (bytes.length > maxBodyBytes) {
        throw new BadRequestException(413, "body exceeds the limit of " + maxBodyBytes + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new BadRequestException("could not read the body: " + e.getMessage());
    }
  }

  private static String decodeKey(String raw) throws BadRequestException {
    if (raw.isEmpty()) {
      throw new BadRequestException("empty key in path");
    }
    if (raw.contains("/")) {
      throw new BadRequestException(404, "no such path: /kv/" + raw);
    }
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("bad percent-encoding in key: " + raw);
    }
  }

  private static void requireMethod(HttpExchange exchange, String allowed) throws BadRequestException {
    if (!exchange.getRequestMethod().equals(allowed)) {
      throw methodNotAllowed(exchange, allowed);
    }
  }

  private static BadRequestException methodNotAllowed(HttpExchange exchange, String allowed) {
    exchange.getResponseHeaders().set("Allow", allowed);
    return new BadRequestException(405, "method " + exchange.getRequestMethod() + " not allowed; use " + allowed);
  }

  private static void send(HttpExchange exchange, Response response) {
    try (exchange) {
      byte[] bytes = KvCodec.JSON.writeValueAsBytes(response.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // The client went away; nothing to tell it.
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
