package io.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API byte for byte: status codes, bodies, content types and the /populate and /reset
 * rules of Toxiproxy 2.12 as described in docs/toxiproxy-api.md.
 */
class ApiCompatibilityIT {
  private static final String TEXT = "text/plain; charset=utf-8";
  private ToxiproxyServer server;
  private RawHttp http;

  @BeforeEach
  void start() {
    server = ToxiproxyServer.start("127.0.0.1", 0, 5);
    http = new RawHttp(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String error(String message, int status) {
    return "{\"error\":\"" + message + "\",\"status\":" + status + "}\n";
  }

  private String create(String name, String upstream) throws IOException {
    RawHttp.Reply reply =
        http.post("/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + upstream + "\"}");
    assertThat(reply.status()).isEqualTo(201);
    return reply.body();
  }

  @Test
  void createdProxyJsonHasTheRealShapeAndBoundPort() throws IOException {
    String body = create("redis", "127.0.0.1:6379");
    assertThat(body)
        .matches("\\{\"name\":\"redis\",\"listen\":\"127\\.0\\.0\\.1:\\d+\",\"upstream\":\"127\\.0\\.0\\.1:6379\",\"enabled\":true,\"toxics\":\\[\\]\\}");
    RawHttp.Reply list = http.get("/proxies");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.header("Content-Type")).isEqualTo("application/json");
    assertThat(list.body()).isEqualTo("{\"redis\":" + body + "}");
    assertThat(list.header("X-Toxiproxy-Request-Id")).isNotBlank();
  }

  @Test
  void expectContinueAndChunkedBodiesAreUnderstood() throws IOException {
    RawHttp.Reply reply = http.send("POST", "/proxies",
        "{\"name\":\"c\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"}",
        Map.of("Expect", "100-continue"));
    assertThat(reply.status()).isEqualTo(100);
    assertThat(reply.body()).contains("HTTP/1.1 201 Created");
    RawHttp.Reply chunked = http.sendRaw("POST /proxies/c/toxics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"typ\r\n10\r\ne\":\"latency\"}   \r\n0\r\n\r\n");
    assertThat(chunked.status()).isEqualTo(200);
    assertThat(chunked.body()).contains("\"name\":\"latency_downstream\"");
  }

  @Test
  void emptyListIsAnEmptyObject() throws IOException {
    assertThat(http.get("/proxies").body()).isEqualTo("{}");
  }

  @Test
  void proxyErrorsHaveTheRealCodesAndBodies() throws IOException {
    create("dup", "127.0.0.1:1");
    RawHttp.Reply dup = http.post("/proxies", "{\"name\":\"dup\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.body()).isEqualTo(error("proxy already exists", 409));
    assertThat(dup.header("Content-Type")).isEqualTo(TEXT);
    assertThat(dup.header("X-Content-Type-Options")).isEqualTo("nosniff");

    assertThat(http.post("/proxies", "{\"upstream\":\"x:1\"}").body())
        .isEqualTo(error("missing required field: name", 400));
    assertThat(http.post("/proxies", "{\"name\":\"n\"}").body())
        .isEqualTo(error("missing required field: upstream", 400));
    assertThat(http.post("/proxies", "").body()).isEqualTo(error("bad request body: EOF", 400));
    RawHttp.Reply wrongJson = http.post("/proxies", "{not json");
    assertThat(wrongJson.status()).isEqualTo(400);
    assertThat(wrongJson.body()).startsWith("{\"error\":\"bad request body: ");
    assertThat(http.post("/proxies", "{\"name\":5,\"upstream\":\"x:1\"}").body())
        .isEqualTo(error("bad request body: json: cannot unmarshal number into Go struct field Proxy.name of type string", 400));

    RawHttp.Reply missing = http.get("/proxies/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo(error("proxy not found", 404));
    assertThat(http.send("DELETE", "/proxies/nope", null, Map.of()).status()).isEqualTo(404);
  }

  @Test
  void listenFailuresAre500WithTheOsError() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      RawHttp.Reply busy = http.post("/proxies",
          "{\"name\":\"busy\",\"listen\":\"127.0.0.1:" + taken.getLocalPort() + "\",\"upstream\":\"x:1\"}");
      assertThat(busy.status()).isEqualTo(500);
      assertThat(busy.body())
          .isEqualTo(error("listen tcp 127.0.0.1:" + taken.getLocalPort() + ": bind: address already in use", 500));
    }
    assertThat(http.post("/proxies", "{\"name\":\"np\",\"listen\":\"nope\",\"upstream\":\"x:1\"}").body())
        .isEqualTo(error("listen tcp: address nope: missing port in address", 500));
    assertThat(http.get("/proxies").body()).isEqualTo("{}");
  }

  @Test
  void namesWithArrowsAndColonsAreAddressable() throws IOException {
    create("n1->n2", "127.0.0.1:1");
    create("localhost:6379", "127.0.0.1:1");
    assertThat(http.get("/proxies/n1->n2").status()).isEqualTo(200);
    assertThat(http.get("/proxies/localhost:6379").status()).isEqualTo(200);
    assertThat(http.send("DELETE", "/proxies/n1->n2", null, Map.of()).status()).isEqualTo(204);
  }

  @Test
  void updateKeepsAbsentFieldsAndDisableEnableWorks() throws IOException {
    create("u", "127.0.0.1:1");
    RawHttp.Reply disabled = http.send("PATCH", "/proxies/u", "{\"enabled\":false}", Map.of());
    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.body()).contains("\"upstream\":\"127.0.0.1:1\",\"enabled\":false");
    RawHttp.Reply repointed = http.post("/proxies/u", "{\"upstream\":\"127.0.0.1:2\"}");
    assertThat(repointed.body()).contains("\"upstream\":\"127.0.0.1:2\",\"enabled\":false");
    assertThat(http.post("/proxies/u", "").body()).isEqualTo(error("bad request body: EOF", 400));
    assertThat(http.post("/proxies/u", "{\"enabled\":true,\"name\":\"renamed\"}").body())
        .startsWith("{\"name\":\"u\"").contains("\"enabled\":true");
  }

  @Test
  void toxicJsonShapeDefaultsAndStatusCodes() throws IOException {
    create("t", "127.0.0.1:1");
    RawHttp.Reply added = http.post("/proxies/t/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":100}}");
    assertThat(added.status()).isEqualTo(200);
    assertThat(added.header("Content-Type")).isEqualTo("application/json");
    assertThat(added.body())
        .isEqualTo("{\"attributes\":{\"latency\":100,\"jitter\":0},\"name\":\"latency_downstream\",\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1}");

    // stream kept exactly as typed, default name follows it
    RawHttp.Reply upper = http.post("/proxies/t/toxics", "{\"type\":\"latency\",\"stream\":\"UPSTREAM\",\"toxicity\":0.5}");
    assertThat(upper.body())
        .isEqualTo("{\"attributes\":{\"latency\":0,\"jitter\":0},\"name\":\"latency_UPSTREAM\",\"type\":\"latency\",\"stream\":\"UPSTREAM\",\"toxicity\":0.5}");

    // listing: upstream first
    assertThat(http.get("/proxies/t/toxics").body()).startsWith("[{\"attributes\":{\"latency\":0,\"jitter\":0},\"name\":\"latency_UPSTREAM\"");

    // update merges attributes and ignores name/type/stream
    RawHttp.Reply updated = http.send("PATCH", "/proxies/t/toxics/latency_downstream",
        "{\"attributes\":{\"jitter\":5},\"name\":\"x\",\"type\":\"timeout\",\"stream\":\"upstream\"}", Map.of());
    assertThat(updated.body())
        .isEqualTo("{\"attributes\":{\"latency\":100,\"jitter\":5},\"name\":\"latency_downstream\",\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1}");

    RawHttp.Reply removed = http.send("DELETE", "/proxies/t/toxics/latency_downstream", null, Map.of());
    assertThat(removed.status()).isEqualTo(204);
    assertThat(removed.body()).isEmpty();
    assertThat(http.send("DELETE", "/proxies/t/toxics/latency_downstream", null, Map.of()).body())
        .isEqualTo(error("toxic not found", 404));
    assertThat(http.get("/proxies/t/toxics/nope").body()).isEqualTo(error("toxic not found", 404));
    assertThat(http.get("/proxies/nope/toxics/nope").body()).isEqualTo(error("proxy not found", 404));
  }

  @Test
  void badToxicsAreRefusedWith400InTheRealCheckOrder() throws IOException {
    create("b", "127.0.0.1:1");
    assertThat(http.post("/proxies/b/toxics", "{\"type\":\"latency\",\"stream\":\"\"}").body())
        .isEqualTo(error("stream was invalid, can be either upstream or downstream", 400));
    assertThat(http.post("/proxies/b/toxics", "{\"type\":\"bogus\",\"stream\":\"sideways\"}").body())
        .isEqualTo(error("stream was invalid, can be either upstream or downstream", 400));
    assertThat(http.post("/proxies/b/toxics", "{\"type\":\"bogus\"}").body())
        .isEqualTo(error("invalid toxic type", 400));
    assertThat(http.post("/proxies/b/toxics", "{}").body()).isEqualTo(error("invalid toxic type", 400));
    assertThat(http.post("/proxies/b/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":1.5}}").body())
        .isEqualTo(error("bad request body: json: cannot unmarshal number 1.5 into Go struct field LatencyToxic.latency of type int64", 400));
    assertThat(http.post("/proxies/b/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":\"5\"}}").body())
        .isEqualTo(error("bad request body: json: cannot unmarshal string into Go struct field LatencyToxic.latency of type int64", 400));
    assertThat(http.post("/proxies/b/toxics", "{\"type\":\"bandwidth\",\"attributes\":{\"rate\":-1}}").status())
        .isEqualTo(400);
    assertThat(http.post("/proxies/b/toxics",
        "{\"type\":\"slicer\",\"attributes\":{\"average_size\":5,\"size_variation\":9}}").status()).isEqualTo(400);
    assertThat(http.post("/proxies/b/toxics", "{\"type\":\"limit_data\",\"attributes\":{\"bytes\":-3}}").status())
        .isEqualTo(400);
    // same name on the other stream clashes too; the clash is checked before attributes
    http.post("/proxies/b/toxics", "{\"name\":\"x\",\"type\":\"timeout\"}");
    assertThat(http.post("/proxies/b/toxics", "{\"name\":\"x\",\"type\":\"latency\",\"stream\":\"upstream\",\"attributes\":{\"latency\":\"bad\"}}").body())
        .isEqualTo(error("toxic already exists", 409));
    // an invalid update is refused and leaves the toxic as it was
    http.post("/proxies/b/toxics", "{\"name\":\"bw\",\"type\":\"bandwidth\",\"attributes\":{\"rate\":5}}");
    assertThat(http.post("/proxies/b/toxics/bw", "{\"attributes\":{\"rate\":-5}}").status()).isEqualTo(400);
    assertThat(http.get("/proxies/b/toxics/bw").body()).contains("\"rate\":5");
    assertThat(http.post("/proxies/b/toxics/bw", "").body()).isEqualTo(error("bad request body: EOF", 400));
  }

  @Test
  void noopToxicCanBeCreatedWithEmptyAttributes() throws IOException {
    create("n", "127.0.0.1:1");
    assertThat(http.post("/proxies/n/toxics", "{\"type\":\"noop\",\"attributes\":{\"x\":1}}").body())
        .isEqualTo("{\"attributes\":{},\"name\":\"noop_downstream\",\"type\":\"noop\",\"stream\":\"downstream\",\"toxicity\":1}");
  }

  @Test
  void resetIs204EnablesAndClearsToxicsWhateverTheBody() throws IOException {
    create("r", "127.0.0.1:1");
    http.post("/proxies/r", "{\"enabled\":false}");
    http.post("/proxies/r/toxics", "{\"type\":\"timeout\"}");
    RawHttp.Reply reset = http.post("/reset", "garbage");
    assertThat(reset.status()).isEqualTo(204);
    assertThat(reset.body()).isEmpty();
    assertThat(http.get("/proxies/r").body()).contains("\"enabled\":true,\"toxics\":[]");
  }

  @Test
  void populateCreatesKeepsUnchangedAndReplacesChanged() throws IOException {
    RawHttp.Reply first = http.post("/populate",
        "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"},"
            + "{\"name\":\"b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:2\",\"enabled\":false}]");
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header("Content-Type")).isEqualTo("application/json");
    assertThat(first.body()).startsWith("{\"proxies\":[{\"name\":\"a\"").contains("\"enabled\":false");
    String aListen = http.get("/proxies/a").body().replaceAll(".*\"listen\":\"([^\"]+)\".*", "$1");
    http.post("/proxies/a/toxics", "{\"type\":\"latency\"}");
    http.post("/proxies/b/toxics", "{\"type\":\"latency\"}");

    // a unchanged: untouched (toxic kept, enabled:false ignored); b re-pointed: replaced
    RawHttp.Reply second = http.post("/populate",
        "[{\"name\":\"a\",\"listen\":\"" + aListen + "\",\"upstream\":\"127.0.0.1:1\",\"enabled\":false},"
            + "{\"name\":\"b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:3\"}]");
    assertThat(second.status()).isEqualTo(201);
    assertThat(http.get("/proxies/a").body()).contains("\"enabled\":true").contains("latency_downstream");
    assertThat(http.get("/proxies/b").body()).contains("\"upstream\":\"127.0.0.1:3\",\"enabled\":true,\"toxics\":[]");

    assertThat(http.post("/populate", "[]").body()).isEqualTo("{\"proxies\":null}");
  }

  @Test
  void populateValidatesEveryEntryFirstAndReportsErrorsInOneObject() throws IOException {
    RawHttp.Reply invalid = http.post("/populate",
        "[{\"name\":\"ok\",\"upstream\":\"x:1\",\"listen\":\"127.0.0.1:0\"},{\"upstream\":\"x:1\"}]");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.header("Content-Type")).isEqualTo("application/json");
    assertThat(invalid.body())
        .isEqualTo("{\"error\":\"missing required field: name at proxy 2\",\"status\":400,\"proxies\":null}");
    assertThat(http.get("/proxies").body()).isEqualTo("{}");

    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      RawHttp.Reply partial = http.post("/populate",
          "[{\"name\":\"first\",\"upstream\":\"x:1\",\"listen\":\"127.0.0.1:0\"},"
              + "{\"name\":\"second\",\"upstream\":\"x:1\",\"listen\":\"127.0.0.1:" + taken.getLocalPort() + "\"},"
              + "{\"name\":\"third\",\"upstream\":\"x:1\",\"listen\":\"127.0.0.1:0\"}]");
      assertThat(partial.status()).isEqualTo(500);
      assertThat(partial.body()).startsWith("{\"error\":\"listen tcp 127.0.0.1:" + taken.getLocalPort())
          .contains("\"status\":500,\"proxies\":[{\"name\":\"first\"");
    }
    assertThat(http.get("/proxies").body()).contains("\"first\"").doesNotContain("\"third\"");
  }

  @Test
  void versionUnknownPathsWrongMethodsAndBrowsers() throws IOException {
    RawHttp.Reply version = http.get("/version");
    assertThat(version.status()).isEqualTo(200);
    assertThat(version.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
    assertThat(version.body()).isEqualTo("{\"version\": \"2.12.0\"}\n");

    RawHttp.Reply unknown = http.get("/nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("404 page not found\n");
    assertThat(http.get("/metrics").status()).isEqualTo(404);

    RawHttp.Reply wrongMethod = http.send("DELETE", "/proxies", null, Map.of());
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.body()).isEmpty();
    assertThat(http.get("/reset").status()).isEqualTo(405);

    RawHttp.Reply browser = http.send("GET", "/proxies", null, Map.of("User-Agent", "Mozilla/5.0"));
    assertThat(browser.status()).isEqualTo(403);
    assertThat(browser.body()).isEqualTo("User agent not allowed\n");
  }
}
