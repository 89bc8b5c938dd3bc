package io.faultline.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.node.HostPort;
import io.faultline.node.KvNode;
import io.faultline.node.NodeConfig;
import io.faultline.node.NodeLog;
import io.faultline.node.ReadMode;
import io.faultline.node.Tuning;
import io.faultline.node.clock.NodeClock;
import io.faultline.node.cluster.HttpReply;
import io.faultline.node.cluster.NodeClient;
import io.faultline.node.consensus.Consensus;
import io.faultline.node.consensus.ConsensusStatus;
import io.faultline.node.consensus.DefiniteFailureException;
import io.faultline.node.kv.KvCodec;
import io.faultline.node.kv.RequestIds;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client API of a real single naive node in this JVM, over real HTTP. */
class KvHttpServerTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  @TempDir Path dir;
  private KvNode node;
  private NodeClient client;
  private final NodeClock clock = NodeClock.system();

  @BeforeEach
  void start() throws Exception {
    Tuning d = Tuning.defaults();
    Tuning small = new Tuning(d.tickMs(), d.heartbeatMs(), d.electionTimeoutMs(), 2_000, 1_000, d.maxFrameBytes(), d.snapshotEvery());
    NodeConfig config = new NodeConfig("n1", "naive", new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0),
        Map.of(), dir, ReadMode.INDEX, Set.of(), small, 1);
    node = KvNode.start(config, clock, QUIET);
    client = new NodeClient("127.0.0.1", node.clientPort(), 5_000);
  }

  @AfterEach
  void stop() {
    client.close();
    node.close();
  }

  private static JsonNode json(String text) throws Exception {
    return KvCodec.JSON.readTree(text);
  }

  private HttpReply raw(String method, String path, String body) throws Exception {
    return client.raw(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void happyPathsAnswer200And412() throws Exception {
    assertThat(client.get("k").value().isNull()).isTrue();
    assertThat(client.put("k", json("{\"a\":1}")).status()).isEqualTo(200);
    assertThat(client.get("k").value()).isEqualTo(json("{\"a\":1}"));
    HttpReply mismatch = client.cas("k", json("2"), json("3"));
    assertThat(mismatch.status()).isEqualTo(412);
    assertThat(mismatch.body().get("error").asText()).isEqualTo("cas-mismatch");
    assertThat(client.cas("k", json("{\"a\":1}"), json("3")).status()).isEqualTo(200);
    HttpReply txn = client.txn(json("[[\"r\",\"k\",null],[\"append\",7,1],[\"r\",7,null]]"));
    assertThat(txn.status()).isEqualTo(200);
    assertThat(txn.body().get("ops")).isEqualTo(json("[[\"r\",\"k\",3],[\"append\",7,1],[\"r\",7,[1]]]"));
    assertThat(client.get("key with spaces/and?odd").status()).isEqualTo(200);
  }

  @Test
  void statusAndClock() throws Exception {
    client.put("a", json("1"));
    JsonNode status = client.status().body();
    assertThat(status.get("id").asText()).isEqualTo("n1");
    assertThat(status.get("protocol").asText()).isEqualTo("naive");
    assertThat(status.get("role").asText()).isEqualTo("peer");
    assertThat(status.get("leader").isNull()).isTrue();
    assertThat(status.get("appliedIndex").asLong()).isEqualTo(1);
    assertThat(status.has("term")).isTrue();
    assertThat(status.has("commitIndex")).isTrue();
    assertThat(raw("POST", "/admin/clock", "{\"offsetMs\": 60000, \"rate\": 2.5}").status()).isEqualTo(200);
    assertThat(clock.rate()).isEqualTo(2.5);
    assertThat(clock.offsetMs()).isEqualTo(60_000);
    assertThat(raw("POST", "/admin/clock", "{\"rate\": -1}").status()).isEqualTo(400);
    assertThat(raw("POST", "/admin/clock", "{\"offsetMs\": \"soon\"}").status()).isEqualTo(400);
    assertThat(clock.rate()).isEqualTo(2.5);
  }

  @Test
  void statusReportsTheAppliedLogsDigestCheckpoints() throws Exception {
    assertThat(client.status().body().get("appliedDigests")).isEmpty(); // reported, nothing to report yet
    for (int i = 1; i <= 33; i++) {
      client.put("k" + i, json(Integer.toString(i)));
    }
    JsonNode digests = client.status().body().get("appliedDigests");
    assertThat(digests).hasSize(2);
    assertThat(digests.get(0).get("index").asLong()).isEqualTo(16);
    assertThat(digests.get(1).get("index").asLong()).isEqualTo(32);
    assertThat(digests.get(1).get("digest").asText()).matches("[0-9a-f]{32}").isNotEqualTo(digests.get(0).get("digest").asText());
  }

  @Test
  void badRequestsGetTheirStatusAndAJsonErrorAndTheNodeKeepsServing() throws Exception {
    assertThat(raw("PUT", "/kv/k", "{not json").status()).isEqualTo(400);
    assertThat(raw("PUT", "/kv/k", "[1]").status()).isEqualTo(400);
    HttpReply missing = raw("PUT", "/kv/k", "{\"val\":1}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().get("error").asText()).isEqualTo("missing field \"value\"");
    assertThat(raw("POST", "/kv/k/cas", "{\"value\":1}").body().get("error").asText()).isEqualTo("missing field \"expect\"");
    assertThat(raw("POST", "/txn", "{\"ops\":[[\"x\",\"k\",1]]}").body().get("error").asText())
        .startsWith("ops[0][0]: unknown micro-op 'x'");
    assertThat(raw("POST", "/txn", "{\"ops\":[[\"r\",{},1]]}").status()).isEqualTo(400);
    assertThat(raw("POST", "/txn", "{\"ops\":5}").status()).isEqualTo(400);
    assertThat(raw("PUT", "/kv/", "{\"value\":1}").status()).isEqualTo(400);
    assertThat(raw("PUT", "/kv/%zz", "{\"value\":1}").status()).isEqualTo(400);
    assertThat(raw("GET", "/nowhere", null).status()).isEqualTo(404);
    assertThat(raw("GET", "/kv/a/b", null).status()).isEqualTo(404);
    HttpReply wrongMethod = raw("DELETE", "/kv/k", null);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.body().get("error").asText()).contains("DELETE");
    assertThat(raw("GET", "/txn", null).status()).isEqualTo(405);
    assertThat(raw("GET", "/kv/k/cas", null).status()).isEqualTo(405);
    assertThat(raw("POST", "/admin/status", "{}").status()).isEqualTo(405);
    assertThat(raw("PUT", "/kv/k", "{\"value\":\"" + "x".repeat(2_000) + "\"}").status()).isEqualTo(413);
    HttpReply appendToScalar = client.txn(json("[[\"w\",\"s\",1],[\"append\",\"s\",2]]"));
    assertThat(appendToScalar.status()).isEqualTo(400);
    assertThat(client.put("still", json("1")).status()).isEqualTo(200);
  }

  @Test
  void aKeyOverTheEncodingLimitIsADefinite400NotAnUnknownOutcome() throws Exception {
    String longest = "k".repeat(65_535);
    assertThat(client.put(longest, json("1")).status()).isEqualTo(200);
    assertThat(client.get(longest).value()).isEqualTo(json("1"));
    String tooLong = "k".repeat(65_536);
    for (HttpReply reply : java.util.List.of(client.get(tooLong), client.put(tooLong, json("1")),
        client.cas(tooLong, json("1"), json("2")))) {
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.body()).isEqualTo(json("{\"error\":\"key of 65536 bytes exceeds the limit of 65535 bytes\"}"));
    }
    // counted as the store encodes it: two bytes for each 'é'
    HttpReply wide = client.put("\u00e9".repeat(32_768), json("1"));
    assertThat(wide.body()).isEqualTo(json("{\"error\":\"key of 65536 bytes exceeds the limit of 65535 bytes\"}"));
    // in a transaction (whose body is over this node's 1,000-byte limit, so checked directly)
    byte[] txn = ("{\"ops\":[[\"w\",\"" + tooLong + "\",1]]}").getBytes(StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KvRequests.ops(KvRequests.parseObject(txn)))
        .hasMessage("ops[0][1] of 65536 bytes exceeds the limit of 65535 bytes");
  }

  @Test
  void trailingDataAfterAJsonBodyIsA400AndChangesNothing() throws Exception {
    HttpReply twoObjects = raw("PUT", "/kv/t", "{\"value\":3}{\"value\":4}");
    assertThat(twoObjects.status()).isEqualTo(400);
    assertThat(twoObjects.body().get("error").asText())
        .isEqualTo("unexpected data after the JSON object (at byte 11 of the body)");
    assertThat(raw("PUT", "/kv/t", "{\"value\":3} junk").body().get("error").asText())
        .isEqualTo("unexpected data after the JSON object (at byte 11 of the body)");
    assertThat(raw("PUT", "/kv/t", "{\"value\":3},").status()).isEqualTo(400);
    assertThat(raw("POST", "/kv/t/cas", "{\"expect\":null,\"value\":1}]").status()).isEqualTo(400);
    assertThat(raw("POST", "/txn", "{\"ops\":[[\"w\",\"t\",1]]}{}").status()).isEqualTo(400);
    assertThat(raw("POST", "/admin/clock", "{\"rate\":2}{\"rate\":3}").status()).isEqualTo(400);
    assertThat(clock.rate()).isEqualTo(1.0);
    assertThat(client.get("t").value().isNull()).as("nothing was written").isTrue();
    assertThat(raw("PUT", "/kv/t", "{\"value\":3} \r\n\t").status()).as("whitespace is not data").isEqualTo(200);
    assertThat(client.get("t").value()).isEqualTo(json("3"));
  }

  @Test
  void garbageOnTheWireDoesNotHurtTheNode() throws Exception {
    java.util.Random random = new java.util.Random(3);
    for (int round = 0; round < 20; round++) {
      try (java.net.Socket raw = new java.net.Socket("127.0.0.1", node.clientPort())) {
        raw.setSoTimeout(2_000);
        byte[] junk = new byte[1 + random.nextInt(4_000)];
        random.nextBytes(junk);
        if (round % 2 == 0) {
          junk = ("POST /txn HTTP/1.1\r\nContent-Length: " + junk.length + "\r\n\r\n" + new String(junk, StandardCharsets.ISO_8859_1))
              .getBytes(StandardCharsets.ISO_8859_1);
        }
        raw.getOutputStream().write(junk);
        raw.getOutputStream().flush();
        raw.shutdownOutput();
        try {
          raw.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
          // the node may drop a connection that makes no sense; it must not fall over
        }
      }
    }
    assertThat(client.put("after-garbage", json("1")).status()).isEqualTo(200);
    assertThat(client.get("after-garbage").value()).isEqualTo(json("1"));
  }

  @Test
  void onlyADefiniteFailureIs503AndUnknownOutcomesAre504() throws Exception {
    try (ScriptedServer s = new ScriptedServer(() -> CompletableFuture.failedFuture(new DefiniteFailureException("no leader")))) {
      HttpReply reply = s.client.put("k", json("1"));
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.body().get("error").asText()).isEqualTo("unavailable");
    }
    try (ScriptedServer s = new ScriptedServer(() -> CompletableFuture.failedFuture(new IllegalStateException("leader lost")))) {
      assertThat(s.client.put("k", json("1")).body().get("error").asText()).isEqualTo("indeterminate");
      assertThat(s.client.put("k", json("1")).status()).isEqualTo(504);
    }
    try (ScriptedServer s = new ScriptedServer(CompletableFuture::new)) {
      HttpReply reply = s.client.put("k", json("1"));
      assertThat(reply.status()).as("a future that never completes times out").isEqualTo(504);
      assertThat(reply.body().get("reason").asText()).contains("200 ms");
    }
    try (ScriptedServer s = new ScriptedServer(() -> {
      throw new DefiniteFailureException("rejected synchronously");
    })) {
      assertThat(s.client.txn(json("[[\"r\",\"k\",null]]")).status()).isEqualTo(503);
    }
  }

  @Test
  void aReadOnlyTransactionTakesTheReadPathAndAnyWriteTakesTheLog() throws Exception {
    java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    Consensus recording = new Consensus() {
      @Override public void start() {}
      @Override public CompletableFuture<byte[]> propose(byte[] command) {
        calls.add("propose " + KvCodec.decodeCommand(command).getClass().getSimpleName());
        return CompletableFuture.completedFuture(KvCodec.encode(new io.faultline.node.kv.KvResult.TxnDone(
            ((io.faultline.node.kv.KvCommand.Txn) KvCodec.decodeCommand(command)).ops())));
      }
      @Override public CompletableFuture<byte[]> query(byte[] query) {
        calls.add("query " + KvCodec.decodeQuery(query).getClass().getSimpleName());
        return CompletableFuture.completedFuture(KvCodec.encode(new io.faultline.node.kv.KvResult.TxnDone(
            ((io.faultline.node.kv.KvQuery.ReadTxn) KvCodec.decodeQuery(query)).ops())));
      }
      @Override public ConsensusStatus status() { return new ConsensusStatus("leader", 1, "s1", 0, 0); }
      @Override public void close() {}
    };
    NodeClock clock = NodeClock.system();
    KvHttpServer server = new KvHttpServer(new HostPort("127.0.0.1", 0), "s1", "recording", recording, clock,
        new RequestIds("s1", 1), 1_000, 200, new NodeLog("s1", clock, QUIET));
    server.start();
    try (NodeClient c = new NodeClient("127.0.0.1", server.port(), 5_000)) {
      assertThat(c.txn(json("[[\"r\",\"a\",null],[\"r\",\"b\",null]]")).status()).isEqualTo(200);
      assertThat(c.txn(json("[[\"r\",\"a\",null],[\"append\",\"b\",1]]")).status()).isEqualTo(200);
      assertThat(c.txn(json("[[\"w\",\"a\",1]]")).status()).isEqualTo(200);
    } finally {
      server.close();
    }
    assertThat(calls).containsExactly("query ReadTxn", "propose Txn", "propose Txn");
  }

  /** A KvHttpServer over a protocol whose every answer is scripted. */
  private static final class ScriptedServer implements AutoCloseable {
    final KvHttpServer server;
    final NodeClient client;

    ScriptedServer(Supplier<CompletableFuture<byte[]>> answer) throws Exception {
      Consensus scripted = new Consensus() {
        @Override public void start() {}
        @Override public CompletableFuture<byte[]> propose(byte[] command) { return answer.get(); }
        @Override public CompletableFuture<byte[]> query(byte[] query) { return answer.get(); }
        @Override public ConsensusStatus status() { return new ConsensusStatus("follower", 1, null, 0, 0); }
        @Override public void close() {}
      };
      NodeClock clock = NodeClock.system();
      server = new KvHttpServer(new HostPort("127.0.0.1", 0), "s1", "scripted", scripted, clock,
          new RequestIds("s1", 1), 1_000, 200, new NodeLog("s1", clock, QUIET));
      server.start();
      client = new NodeClient("127.0.0.1", server.port(), 5_000);
    }

    @Override
    public void close() {
      client.close();
      server.close();
    }
  }
}
