package io.faultline.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.http.ErrorPages;
import io.faultline.http.Exchange;
import io.faultline.http.NioHttpServer;
import io.faultline.http.Request;
import io.faultline.http.Response;
import io.faultline.http.ServerLimits;
import io.faultline.node.HostPort;
import io.faultline.node.NodeLog;
import io.faultline.node.clock.NodeClock;
import io.faultline.node.consensus.AppliedDigest;
import io.faultline.node.consensus.AppliedDigests;
import io.faultline.node.consensus.Consensus;
import io.faultline.node.consensus.ConsensusStatus;
import io.faultline.node.http.KvResponses.Reply;
import io.faultline.node.kv.KvCodec;
import io.faultline.node.kv.KvCommand;
import io.faultline.node.kv.KvQuery;
import io.faultline.node.kv.MicroOp;
import io.faultline.node.kv.RequestIds;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The client API of a node (DESIGN.md table): {@code GET/PUT /kv/{key}}, {@code POST
 * /kv/{key}/cas}, {@code POST /txn}, {@code GET /admin/status}, {@code POST /admin/clock}.
 *
 * <p>HTTP is {@link NioHttpServer}'s: whole requests are read without a thread per connection,
 * with read deadlines and a connection cap that evicts never-served and idle connections first,
 * so slow clients cannot keep the harness (or anyone) out. Writes go through {@link
 * Consensus#propose}, reads through {@link Consensus#query}; the handler never waits on the
 * protocol: the response is sent when the future completes (or after the per-request timeout, as
 * 504). Malformed input → 400, unknown path → 404, wrong method → 405, body over the limit →
 * 413, a request too slow to arrive → 408; every error body is JSON {@code {"error": ...}}, and
 * nothing a client sends can crash the node.
 */
public final class KvHttpServer implements AutoCloseable {
  /** The node's HTTP limits unless told otherwise: see {@link ServerLimits#defaults()}. */
  public static final ServerLimits DEFAULT_LIMITS =
      ServerLimits.defaults()
          // A key may be up to 65,535 bytes, and percent-encoded in a URL it takes up to three
          // times that: the head limit leaves room for the longest legal key.
          .withMaxHeadBytes(256 * 1024)
          .withMaxConnections(4_096)
          .withWorkers(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

  private final HostPort listen;
  private final String nodeId;
  private final String protocol;
  private final Consensus consensus;
  private final NodeClock clock;
  private final RequestIds requestIds;
  private final ServerLimits limits;
  private final int timeoutMs;
  private final NodeLog log;
  private final Optional<AppliedDigests> digests;
  private NioHttpServer server;

  /** A server with {@link #DEFAULT_LIMITS} and a body limit of {@code maxBodyBytes}. */
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
    this(listen, nodeId, protocol, consensus, clock, requestIds, DEFAULT_LIMITS.withMaxBodyBytes(maxBodyBytes),
        timeoutMs, log);
  }

  public KvHttpServer(
      HostPort listen,
      String nodeId,
      String protocol,
      Consensus consensus,
      NodeClock clock,
      RequestIds requestIds,
      ServerLimits limits,
      int timeoutMs,
      NodeLog log) {
    this(listen, nodeId, protocol, consensus, clock, requestIds, limits, timeoutMs, log, Optional.empty());
  }

  /** As above; {@code digests}, when present, adds {@code appliedDigests} to the status. */
  public KvHttpServer(
      HostPort listen,
      String nodeId,
      String protocol,
      Consensus consensus,
      NodeClock clock,
      RequestIds requestIds,
      ServerLimits limits,
      int timeoutMs,
      NodeLog log,
      Optional<AppliedDigests> digests) {
    this.digests = digests;
    this.listen = listen;
    this.nodeId = nodeId;
    this.protocol = protocol;
    this.consensus = consensus;
    this.clock = clock;
    this.requestIds = requestIds;
    this.limits = limits;
    this.timeoutMs = timeoutMs;
    this.log = log;
  }

  public void start() throws IOException {
    warmUpJson();
    server = NioHttpServer.start(new InetSocketAddress(listen.host(), listen.port()), limits, this::handle,
        JSON_ERRORS, "http-" + nodeId);
  }

  /** The server's own errors (malformed, too large, too slow) as the API's JSON errors. */
  private static final ErrorPages JSON_ERRORS =
      error -> Optional.of(json(KvResponses.error(error.status(), error.message())));

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
    return server.port();
  }

  /** The HTTP server underneath (tests read its connection counters). */
  public NioHttpServer http() {
    return server;
  }

  private void handle(Request request, Exchange exchange) {
    try {
      route(request, exchange);
    } catch (BadRequestException e) {
      send(exchange, KvResponses.error(e.status(), e.getMessage()), e.allow());
    } catch (RuntimeException e) {
      log.error("request " + request.method() + " " + request.rawPath() + " failed: " + e);
      send(exchange, KvResponses.error(500, "internal error (see the node log)"));
    }
  }

  private void route(Request request, Exchange exchange) throws BadRequestException {
    String path = request.rawPath();
    String method = request.method();
    if (path.startsWith("/kv/")) {
      String rest = path.substring(4);
      if (rest.endsWith("/cas")) {
        requireMethod(method, "POST");
        cas(request, exchange, KvRequests.pathKey(rest.substring(0, rest.length() - 4)));
      } else {
        String key = KvRequests.pathKey(rest);
        if (method.equals("GET")) {
          await(exchange, () -> consensus.query(KvCodec.encode(new KvQuery.Get(key))), null);
        } else if (method.equals("PUT")) {
          put(request, exchange, key);
        } else {
          throw methodNotAllowed(method, "GET, PUT");
        }
      }
    } else if (path.equals("/txn")) {
      requireMethod(method, "POST");
      txn(request, exchange);
    } else if (path.equals("/admin/status")) {
      requireMethod(method, "GET");
      send(exchange, new Reply(200, statusJson()));
    } else if (path.equals("/admin/clock")) {
      requireMethod(method, "POST");
      setClock(request, exchange);
    } else {
      throw new BadRequestException(404, "no such path: " + path);
    }
  }

  private void put(Request request, Exchange exchange, String key) throws BadRequestException {
    JsonNode body = KvRequests.parseObject(request.body());
    JsonNode value = KvRequests.field(body, "value");
    byte[] command = KvCodec.encode(new KvCommand.Put(requestIds.next(), key, value));
    await(exchange, () -> consensus.propose(command), null);
  }

  private void cas(Request request, Exchange exchange, String key) throws BadRequestException {
    JsonNode body = KvRequests.parseObject(request.body());
    byte[] command = KvCodec.encode(
        new KvCommand.Cas(requestIds.next(), key, KvRequests.field(body, "expect"), KvRequests.field(body, "value")));
    await(exchange, () -> consensus.propose(command), null);
  }

  private void txn(Request request, Exchange exchange) throws BadRequestException {
    JsonNode body = KvRequests.parseObject(request.body());
    List<MicroOp> ops = KvRequests.ops(body);
    List<JsonNode> keys = new ArrayList<>(ops.size());
    body.get("ops").forEach(op -> keys.add(op.get(1)));
    if (KvQuery.ReadTxn.readsOnly(ops)) {
      // Read-only: through the read path, so --read-mode (and its positive controls) applies.
      byte[] query = KvCodec.encode(new KvQuery.ReadTxn(ops));
      await(exchange, () -> consensus.query(query), keys);
      return;
    }
    byte[] command = KvCodec.encode(new KvCommand.Txn(requestIds.next(), ops));
    await(exchange, () -> consensus.propose(command), keys);
  }

  private void setClock(Request request, Exchange exchange) throws BadRequestException {
    JsonNode body = KvRequests.parseObject(request.body());
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
    ConsensusStatus s = consensus.status();
    ObjectNode json = KvResponses.object();
    json.put("id", nodeId).put("protocol", protocol).put("role", s.role()).put("term", s.term());
    json.put("leader", s.leader());
    json.put("commitIndex", s.commitIndex()).put("appliedIndex", s.appliedIndex());
    if (!s.ledTerms().isEmpty()) {
      s.ledTerms().forEach(json.putArray("ledTerms")::add);
    }
    if (s.durableTerm() >= 0) {
      json.put("durableTerm", s.durableTerm()).put("durableVote", s.durableVote());
    }
    digests.ifPresent(d -> {
      ArrayNode list = json.putArray("appliedDigests");
      for (AppliedDigest c : d.recent()) {
        list.addObject().put("index", c.index()).put("digest", c.digest());
      }
      if (!d.chained()) {
        json.put("appliedDigestsChained", false); // said aloud: otherwise the list just stops growing
      }
    });
    return json;
  }

  /**
   * Sends the protocol's answer when it arrives, or 504 after the timeout. The command is encoded
   * before this is called, so anything wrong with the request itself is already a 400 and never
   * reaches the protocol (nor becomes an unknown outcome).
   */
  private void await(
      Exchange exchange, java.util.function.Supplier<CompletableFuture<byte[]>> call, List<JsonNode> txnKeys) {
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
    // Completion happens on the protocol's thread; never serialise and write there.
    future
        .orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .whenCompleteAsync((output, failure) -> complete(exchange, future, txnKeys), server.workers());
  }

  private void complete(Exchange exchange, CompletableFuture<byte[]> future, List<JsonNode> txnKeys) {
    Reply reply;
    try {
      byte[] output = future.getNow(null);
      reply = KvResponses.fromResult(output, txnKeys);
    } catch (CompletionException | CancellationException failure) {
      reply = KvResponses.fromFailure(failure, timeoutMs);
    } catch (RuntimeException e) {
      log.error("cannot answer a completed request: " + e);
      reply = KvResponses.error(500, "internal error (see the node log)");
    }
    send(exchange, reply);
  }

  private static void requireMethod(String method, String allowed) throws BadRequestException {
    if (!method.equals(allowed)) {
      throw methodNotAllowed(method, allowed);
    }
  }

  private static BadRequestException methodNotAllowed(String method, String allowed) {
    return new BadRequestException(405, "method " + method + " not allowed; use " + allowed, allowed);
  }

  private static void send(Exchange exchange, Reply reply) {
    send(exchange, reply, null);
  }

  private static void send(Exchange exchange, Reply reply, String allow) {
    Response response = json(reply);
    exchange.respond(allow == null ? response : response.withHeader("Allow", allow));
  }

  private static Response json(Reply reply) {
    byte[] bytes;
    try {
      bytes = KvCodec.JSON.writeValueAsBytes(reply.body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a JSON tree", e); // in memory: does not happen
    }
    return Response.of(reply.status(), "application/json", bytes);
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
