package io.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.faultline.http.ServerLimits;
import io.faultline.http.bench.RawHttpClient;
import io.faultline.http.bench.SlowClients;
import io.faultline.net.Grudge;
import io.faultline.net.ToxiproxyNet;
import io.faultline.proxy.api.ApiServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow, abandoned and malformed clients against the embedded Toxiproxy API, which the harness
 * heals partitions through: the official client keeps working with a thousand of them connected,
 * a kept-alive client is never the one evicted at the cap, the slow ones are disconnected after
 * the read timeout (silently, as Go's server does), and malformed requests get Go's answers.
 */
class ApiSlowClientsIT {
  private ToxiproxyServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ToxiproxyServer start(ServerLimits limits) {
    server = ToxiproxyServer.start("127.0.0.1", 0, 5, System::nanoTime, limits);
    return server;
  }

  private InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.port());
  }

  @Test
  void aThousandSlowClientsDoNotKeepTheHarnessFromHealingAPartition() throws Exception {
    start(ApiServer.DEFAULT_LIMITS);
    ToxiproxyNet net = new ToxiproxyNet(new ToxiproxyClient(server.host(), server.port()));
    net.createLink("a", "b", "127.0.0.1:0", "127.0.0.1:1");
    try (SlowClients slow = new SlowClients(address(), "/proxies")) {
      for (SlowClients.Kind kind : SlowClients.Kind.values()) {
        slow.add(kind, 250); // before: 256 connections locked everyone else out
      }
      long t0 = System.nanoTime();
      net.partition(new Grudge(Map.of("b", Set.of("a"))));
      assertThat(net.cutLinks()).containsExactly("a-to-b");
      net.heal();
      assertThat(net.cutLinks()).isEmpty();
      System.out.printf("ApiSlowClientsIT: partition, check, heal, check through the official client with %d slow "
          + "connections open: %.1f ms%n", slow.size(), (System.nanoTime() - t0) / 1e6);
      try (RawHttpClient fresh = new RawHttpClient(address(), 10_000)) {
        assertThat(fresh.send("GET", "/proxies/a-to-b", null).status()).as("a new connection gets in too").isEqualTo(200);
      }
      assertThat(slow.stillOpen()).as("while every slow client was connected").isEqualTo(1_000);
    }
  }

  @Test
  void slowClientsAreDisconnectedWithoutAnAnswerAfterTheReadTimeout() throws Exception {
    start(ApiServer.DEFAULT_LIMITS.withReadTimeout(Duration.ofMillis(300)));
    try (SlowClients slow = new SlowClients(address(), "/proxies")) {
      for (SlowClients.Kind kind : SlowClients.Kind.values()) {
        slow.add(kind, 5);
      }
      List<SlowClients.Closed> closed = slow.awaitClosed(Duration.ofSeconds(30));
      assertThat(closed).hasSize(20).allSatisfy(c -> {
        assertThat(c.after()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(c.received()).as("Go's server closes a slow client without a word").isEmpty();
      });
    }
    assertThat(new ToxiproxyClient(server.host(), server.port()).version()).isEqualTo("{\"version\": \"2.12.0\"}");
  }

  @Test
  void atTheCapAKeptAliveClientOutlivesTheSlowOnes() throws Exception {
    start(ApiServer.DEFAULT_LIMITS.withMaxConnections(16));
    try (RawHttpClient harness = new RawHttpClient(address(), 10_000);
        SlowClients slow = new SlowClients(address(), "/proxies")) {
      assertThat(harness.send("GET", "/version", null).status()).isEqualTo(200);
      slow.add(SlowClients.Kind.PARTIAL_HEAD, 40);
      assertThat(harness.send("GET", "/proxies", null).body()).isEqualTo("{}");
      ToxiproxyClient fresh = new ToxiproxyClient(server.host(), server.port());
      fresh.createProxy("n1->n2", "127.0.0.1:0", "127.0.0.1:1").toxics().timeout("cut", ToxicDirection.UPSTREAM, 0);
      assertThat(harness.send("GET", "/proxies/n1->n2/toxics", null).body()).contains("\"name\":\"cut\"");
      assertThat(server.api().http().evictions()).isGreaterThanOrEqualTo(25);
      assertThat(server.api().http().openConnections()).isLessThanOrEqualTo(16);
    }
  }

  @Test
  void malformedRequestsGetGoStyleAnswersAndTrailingJsonIsRefused() throws Exception {
    start(ApiServer.DEFAULT_LIMITS);
    String create = "{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"}";
    String[][] cases = {
        {"GET /version HTTP/2.0\r\n\r\n", "505", "505 HTTP Version Not Supported: unsupported protocol version"},
        {"GET /version\r\n\r\n", "400", "400 Bad Request"},
        {"GET /version HTTP/1.1\r\nbad header\r\n\r\n", "400", "400 Bad Request"},
        {"POST /proxies HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "501", "Unsupported transfer encoding"},
        {"POST /proxies HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n", "400", "400 Bad Request"},
        {"GET /" + "x".repeat(70_000) + " HTTP/1.1\r\n\r\n", "431", "431 Request Header Fields Too Large"},
        {"POST /proxies HTTP/1.1\r\nContent-Length: 20000000\r\n\r\n", "413", "413 Request Entity Too Large"},
        {"GET /proxies/%zz HTTP/1.1\r\n\r\n", "400", "400 Bad Request"},
        {post("/proxies", create + "{\"name\":\"b\",\"upstream\":\"c\"}"), "400",
            "{\"error\":\"bad request body: invalid character '{' after top-level value\",\"status\":400}\n"},
        {post("/proxies", create + " x!"), "400",
            "{\"error\":\"bad request body: invalid character 'x' after top-level value\",\"status\":400}\n"},
    };
    for (String[] c : cases) {
      try (RawHttpClient http = new RawHttpClient(address(), 10_000)) {
        RawHttpClient.Reply reply = http.sendRaw(c[0].getBytes(StandardCharsets.ISO_8859_1), false);
        assertThat(reply.status()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
        assertThat(reply.body()).as(c[0]).isEqualTo(c[2]);
        assertThat(reply.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
      }
    }
    try (RawHttpClient http = new RawHttpClient(address(), 10_000)) {
      assertThat(http.send("GET", "/proxies", null).body()).as("nothing was created").isEqualTo("{}");
    }
  }

  private static String post(String path, String body) {
    return "POST " + path + " HTTP/1.1\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  @Test
  void theCapAndTimeoutsDoNotDisturbTheOfficialClientsOwnUse() throws IOException {
    start(ApiServer.DEFAULT_LIMITS);
    ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
    for (int i = 0; i < 300; i++) { // more calls than the old cap of connections
      client.createProxy("p" + i, "127.0.0.1:0", "127.0.0.1:1");
    }
    assertThat(client.getProxies()).hasSize(300);
    client.reset();
  }
}
