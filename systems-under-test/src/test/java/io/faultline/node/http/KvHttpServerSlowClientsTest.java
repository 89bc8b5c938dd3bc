package io.faultline.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.http.bench.RawHttpClient;
import io.faultline.http.bench.SlowClients;
import io.faultline.node.HostPort;
import io.faultline.node.KvNode;
import io.faultline.node.NodeConfig;
import io.faultline.node.ReadMode;
import io.faultline.node.Tuning;
import io.faultline.node.clock.NodeClock;
import io.faultline.node.cluster.HttpReply;
import io.faultline.node.cluster.NodeClient;
import io.faultline.node.kv.KvCodec;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow, abandoned and malformed clients against a real naive node in this JVM: they must not
 * delay anyone else, must be closed once the read timeout passes, and every error the node gives
 * them is its usual JSON error with an exact message.
 */
class KvHttpServerSlowClientsTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  @TempDir Path dir;
  private KvNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** A node whose HTTP read timeout is {@code readTimeoutMs} and whose cap is {@code maxConnections}. */
  private KvNode start(int readTimeoutMs, int maxConnections) throws Exception {
    Tuning d = Tuning.defaults();
    Tuning tuning = new Tuning(d.tickMs(), d.heartbeatMs(), d.electionTimeoutMs(), 2_000, 1_000, d.maxFrameBytes(),
        d.snapshotEvery(), readTimeoutMs, 60_000, maxConnections);
    NodeConfig config = new NodeConfig("n1", "naive", new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0),
        Map.of(), dir, ReadMode.INDEX, Set.of(), tuning, 1);
    node = KvNode.start(config, NodeClock.system(), QUIET);
    return node;
  }

  private InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", node.clientPort());
  }

  @Test
  void slowClientsOfEveryKindDoNotDelayOtherRequests() throws Exception {
    start(60_000, 4_096);
    try (SlowClients slow = new SlowClients(address(), "/kv/slow");
        NodeClient client = new NodeClient("127.0.0.1", node.clientPort(), 5_000)) {
      for (SlowClients.Kind kind : SlowClients.Kind.values()) {
        slow.add(kind, 20); // far more than the node has HTTP threads
      }
      assertThat(client.put("k", KvCodec.JSON.readTree("1")).status()).isEqualTo(200);
      assertThat(client.get("k").value().asInt()).isEqualTo(1);
      assertThat(client.status().status()).isEqualTo(200);
      assertThat(slow.stillOpen()).as("answered while every slow client was still connected").isEqualTo(80);
    }
  }

  @Test
  void slowClientsGetA408JsonErrorAndAreClosedAfterTheReadTimeout() throws Exception {
    start(300, 4_096);
    try (SlowClients slow = new SlowClients(address(), "/kv/slow")) {
      for (SlowClients.Kind kind : SlowClients.Kind.values()) {
        slow.add(kind, 5);
      }
      List<SlowClients.Closed> closed = slow.awaitClosed(Duration.ofSeconds(30));
      assertThat(closed).hasSize(20);
      for (SlowClients.Closed c : closed) {
        assertThat(c.after()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        String expected = switch (c.kind()) {
          case SILENT -> "";
          case SHORT_BODY -> "{\"error\":\"request body not complete within 300 ms\"}";
          default -> "{\"error\":\"request head not complete within 300 ms\"}";
        };
        if (expected.isEmpty()) {
          assertThat(c.received()).isEmpty();
        } else {
          assertThat(c.received()).startsWith("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\n")
              .endsWith("\r\n\r\n" + expected);
        }
      }
    }
    try (NodeClient client = new NodeClient("127.0.0.1", node.clientPort(), 5_000)) {
      assertThat(client.status().status()).isEqualTo(200);
    }
  }

  @Test
  void atTheConnectionCapTheHarnessIsNotLockedOut() throws Exception {
    start(60_000, 16);
    try (NodeClient worker = new NodeClient("127.0.0.1", node.clientPort(), 5_000);
        SlowClients slow = new SlowClients(address(), "/admin/status")) {
      assertThat(worker.put("k", KvCodec.JSON.readTree("7")).status()).isEqualTo(200);
      slow.add(SlowClients.Kind.PARTIAL_HEAD, 30).add(SlowClients.Kind.SILENT, 30);
      // a client worker's kept-alive connection survives, and a status poll's new one gets in
      assertThat(worker.get("k").value().asInt()).isEqualTo(7);
      try (NodeClient poller = new NodeClient("127.0.0.1", node.clientPort(), 5_000)) {
        assertThat(poller.status().status()).isEqualTo(200);
      }
      assertThat(worker.get("k").value().asInt()).isEqualTo(7);
      assertThat(node.httpServer().evictions()).isGreaterThanOrEqualTo(45);
      assertThat(node.httpServer().openConnections()).isLessThanOrEqualTo(16);
    }
  }

  @Test
  void malformedAndOversizedRequestsGetExactJsonErrors() throws Exception {
    start(60_000, 4_096);
    String longTarget = "/kv/" + "x".repeat(300_000);
    String[][] cases = {
        // raw request, status, exact body
        {"GET /kv/k HTTP/2.0\r\n\r\n", "505", "{\"error\":\"HTTP version 2.0 is not supported\"}"},
        {"GET /kv/k\r\n\r\n", "400", "{\"error\":\"request line is not METHOD TARGET VERSION\"}"},
        {"GET /kv/k HTTP/1.1\r\nNo-Colon\r\n\r\n", "400", "{\"error\":\"header line 1 is not NAME: VALUE\"}"},
        {"PUT /kv/k HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", "400", "{\"error\":\"conflicting Content-Length values\"}"},
        {"PUT /kv/k HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", "400",
            "{\"error\":\"both Transfer-Encoding and Content-Length\"}"},
        {"PUT /kv/k HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "501",
            "{\"error\":\"Transfer-Encoding 'gzip' is not supported (only chunked)\"}"},
        {"PUT /kv/k HTTP/1.1\r\nContent-Length: 5000\r\n\r\n", "413",
            "{\"error\":\"request body of 5000 bytes exceeds the limit of 1000 bytes\"}"},
        {"GET " + longTarget + " HTTP/1.1\r\n\r\n", "400", "{\"error\":\"request head exceeds the limit of 262144 bytes\"}"},
        {"PUT /kv/k HTTP/1.1\r\nContent-Length: 22\r\n\r\n{\"value\":3}{\"value\":4}", "400",
            "{\"error\":\"unexpected data after the JSON object (at byte 11 of the body)\"}"},
        {"PUT /kv/k HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n{\"value\":3}\r\n4\r\njunk\r\n0\r\n\r\n", "400",
            "{\"error\":\"unexpected data after the JSON object (at byte 11 of the body)\"}"},
    };
    for (String[] c : cases) {
      try (RawHttpClient http = new RawHttpClient(address(), 10_000)) {
        RawHttpClient.Reply reply = http.sendRaw(c[0].getBytes(StandardCharsets.ISO_8859_1), false);
        assertThat(reply.status()).as(c[2]).isEqualTo(Integer.parseInt(c[1]));
        assertThat(reply.body()).isEqualTo(c[2]);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
      }
    }
    try (NodeClient client = new NodeClient("127.0.0.1", node.clientPort(), 5_000)) {
      HttpReply read = client.get("k");
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.value().isNull()).as("no malformed request wrote anything").isTrue();
    }
  }
}
