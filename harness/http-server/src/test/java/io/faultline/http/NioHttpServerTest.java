package io.faultline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.http.bench.RawHttpClient;
import io.faultline.http.bench.SlowClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server over real loopback sockets. Deadlines are short (hundreds of milliseconds) so the
 * tests wait for them instead of sleeping; "not before the deadline" is asserted exactly, "soon
 * after" only within generous bounds, so a loaded machine cannot fail them.
 */
class NioHttpServerTest {
  private static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private static final Duration SHORT = Duration.ofMillis(300);
  private static final Duration LONG = Duration.ofSeconds(60);
  private NioHttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Answers {@code METHOD PATH BODY} as text; {@code /big} answers 8 MiB. */
  private static final Handler ECHO = Handler.sync(r -> r.rawPath().equals("/big")
      ? Response.of(200, "application/octet-stream", new byte[8 << 20])
      : Response.of(200, "text/plain", (r.method() + " " + r.rawPath() + " " + new String(r.body(), StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8)));

  private NioHttpServer start(ServerLimits limits, Handler handler) throws IOException {
    server = NioHttpServer.start(ANY, limits, handler, ErrorPages.plainText(), "test");
    return server;
  }

  private static ServerLimits limits(Duration read, Duration idle) {
    return ServerLimits.defaults().withReadTimeout(read).withIdleTimeout(idle).withWriteTimeout(read).withWorkers(2);
  }

  private RawHttpClient client() {
    return new RawHttpClient(server.address(), 10_000);
  }

  @Test
  void keepAlivePipeliningAndHead() throws Exception {
    start(limits(LONG, LONG), ECHO);
    try (RawHttpClient http = client()) {
      for (int i = 0; i < 3; i++) {
        RawHttpClient.Reply r = http.send("PUT", "/k" + i, "{\"value\":" + i + "}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("PUT /k" + i + " {\"value\":" + i + "}");
        assertThat(r.closed()).isFalse();
        assertThat(r.header("Date")).isNotBlank();
      }
    }
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET /a HTTP/1.1\r\n\r\nHEAD /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(all).containsSubsequence("GET /a ", "HTTP/1.1 200 OK", "Content-Length: 7", "GET /c ");
      assertThat(all).doesNotContain("HEAD /b ");
      assertThat(all).contains("Connection: close");
    }
  }

  @Test
  void slowClientsOfEveryKindHoldNoThreadSoOthersAreServed() throws Exception {
    start(limits(LONG, LONG), ECHO);
    try (SlowClients slow = new SlowClients(server.address(), "/slow")) {
      for (SlowClients.Kind kind : SlowClients.Kind.values()) {
        slow.add(kind, 50); // 25 times the two workers
      }
      try (RawHttpClient http = client()) {
        assertThat(http.send("GET", "/normal", null).body()).isEqualTo("GET /normal ");
        assertThat(http.send("PUT", "/again", "x").body()).isEqualTo("PUT /again x");
      }
      assertThat(slow.stillOpen()).as("the slow ones were waiting all along").isEqualTo(200);
      assertThat(server.bufferedBytes()).isPositive();
    }
    awaitNoConnections();
    assertThat(server.bufferedBytes()).as("every byte held was given back").isZero();
  }

  @Test
  void slowClientsAreAnswered408AndClosedOnceTheirDeadlinePasses() throws Exception {
    start(limits(SHORT, LONG), ECHO);
    try (SlowClients slow = new SlowClients(server.address(), "/slow")) {
      for (SlowClients.Kind kind : SlowClients.Kind.values()) {
        slow.add(kind, 10);
      }
      List<SlowClients.Closed> closed = slow.awaitClosed(Duration.ofSeconds(30));
      assertThat(closed).hasSize(40);
      for (SlowClients.Closed c : closed) {
        assertThat(c.after()).as(c.kind() + " closed no earlier than its deadline").isGreaterThanOrEqualTo(SHORT);
        switch (c.kind()) {
          case SILENT -> assertThat(c.received()).as("nothing sent, nothing answered").isEmpty();
          case SHORT_BODY -> assertThat(c.received())
              .startsWith("HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n")
              .contains("\r\nConnection: close\r\n")
              .endsWith("\r\n\r\nrequest body not complete within 300 ms\n");
          default -> assertThat(c.received())
              .startsWith("HTTP/1.1 408 Request Timeout\r\n")
              .endsWith("\r\n\r\nrequest head not complete within 300 ms\n");
        }
      }
    }
    awaitNoConnections(); // each lingers until its client, having read the 408, closes
    assertThat(server.bufferedBytes()).isZero();
  }

  @Test
  void idleKeepAliveConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
    start(limits(LONG, SHORT), ECHO);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(30_000);
      long sent = System.nanoTime(); // the idle clock starts later, once the answer is written
      s.getOutputStream().write("GET /once HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      readResponse(s.getInputStream());
      assertThat(s.getInputStream().read()).as("closed, not answered again").isEqualTo(-1);
      assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(SHORT.toNanos());
    }
  }

  /** Reads one short response (a head and a body under 100 bytes); returns when it ended. */
  private static long readResponse(InputStream in) throws IOException {
    StringBuilder seen = new StringBuilder();
    while (!seen.toString().contains("\r\n\r\n")) {
      seen.append((char) in.read());
    }
    int length = Integer.parseInt(seen.toString().replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
    assertThat(in.readNBytes(length)).hasSize(length);
    return System.nanoTime();
  }

  @Test
  void aClientThatDoesNotReadItsResponseHoldsNoThreadAndIsDropped() throws Exception {
    start(limits(SHORT, LONG).withWorkers(1), ECHO);
    try (Socket reader = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      long asked = System.nanoTime();
      reader.getOutputStream().write("GET /big HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      try (RawHttpClient http = client()) {
        assertThat(http.send("GET", "/meanwhile", null).status()).as("the one worker is free").isEqualTo(200);
      }
      awaitNoConnections();
      assertThat(System.nanoTime() - asked).as("not before the write deadline").isGreaterThanOrEqualTo(SHORT.toNanos());
      reader.setSoTimeout(30_000);
      long total = 0;
      try {
        InputStream in = reader.getInputStream();
        byte[] buf = new byte[1 << 20];
        for (int n; (n = in.read(buf)) > 0; ) {
          total += n;
        }
      } catch (IOException reset) {
        // dropped with unread data: a reset is as good as an end
      }
      assertThat(total).as("the connection was dropped before the response was all sent").isLessThan(8 << 20);
    }
  }

  /** Waits (up to 30 s, polling) until the server has closed every connection. */
  private void awaitNoConnections() throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.openConnections() > 0 && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(server.openConnections()).isZero();
  }

  @Test
  void atTheCapConnectionsThatNeverCompletedARequestAreEvictedFirst() throws Exception {
    start(limits(LONG, LONG).withMaxConnections(8), ECHO);
    try (RawHttpClient served = client(); SlowClients slow = new SlowClients(server.address(), "/slow")) {
      assertThat(served.send("GET", "/first", null).status()).isEqualTo(200);
      slow.add(SlowClients.Kind.PARTIAL_HEAD, 20);
      assertThat(served.send("GET", "/still-here", null).body())
          .as("the served keep-alive connection outlived twenty slow ones").isEqualTo("GET /still-here ");
      try (RawHttpClient newcomer = client()) {
        assertThat(newcomer.send("GET", "/new", null).status()).isEqualTo(200);
      }
      List<SlowClients.Closed> evicted = slow.awaitClosed(Duration.ofMillis(500));
      assertThat(slow.stillOpen()).isLessThanOrEqualTo(7);
      assertThat(evicted).hasSizeGreaterThanOrEqualTo(13).allSatisfy(c -> assertThat(c.received()).isEmpty());
      assertThat(server.evictions()).isGreaterThanOrEqualTo(14);
      assertThat(server.openConnections()).isLessThanOrEqualTo(8);
    }
  }

  @Test
  void atTheCapAClientThatStoppedReadingItsResponseIsEvictedToo() throws Exception {
    start(limits(LONG, LONG).withMaxConnections(1), ECHO);
    try (Socket stalled = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      stalled.getOutputStream().write("GET /big HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      Thread.sleep(1_500); // past the one second after which a response nobody reads may be evicted
      try (RawHttpClient http = client()) {
        assertThat(http.send("GET", "/newcomer", null).status()).isEqualTo(200);
      }
      assertThat(server.evictions()).isEqualTo(1);
      stalled.setSoTimeout(30_000);
      long total = 0;
      try {
        byte[] buf = new byte[1 << 20];
        for (int n; (n = stalled.getInputStream().read(buf)) > 0; ) {
          total += n;
        }
      } catch (IOException reset) {
        // evicted with unread data
      }
      assertThat(total).isLessThan(8 << 20);
    }
  }

  @Test
  void whenEveryConnectionHasARequestAtAHandlerANewOneIsRefused() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch bothArrived = new CountDownLatch(2);
    Handler blocking = (request, exchange) -> {
      bothArrived.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.respond(Response.of(200, "text/plain", "released".getBytes(StandardCharsets.UTF_8)));
    };
    start(limits(LONG, LONG).withMaxConnections(2), blocking);
    Socket a = new Socket(InetAddress.getLoopbackAddress(), server.port());
    Socket b = new Socket(InetAddress.getLoopbackAddress(), server.port());
    try (a; b) {
      for (Socket s : List.of(a, b)) {
        s.setSoTimeout(30_000);
        s.getOutputStream().write("GET /wait HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      assertThat(bothArrived.await(30, TimeUnit.SECONDS)).isTrue();
      try (Socket third = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        third.setSoTimeout(30_000);
        assertThat(third.getInputStream().read()).as("turned away").isEqualTo(-1);
      }
      assertThat(server.refused()).isEqualTo(1);
      release.countDown();
      for (Socket s : List.of(a, b)) {
        readResponse(s.getInputStream());
      }
    }
  }

  @Test
  void aBodyOverTheLimitIsAnswered413BeforeItIsRead() throws Exception {
    start(limits(LONG, LONG).withMaxBodyBytes(100), ECHO);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write("PUT /k HTTP/1.1\r\nContent-Length: 10000000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.write(new byte[200_000]); // part of it, already on its way
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 413 Content Too Large\r\n").contains("Connection: close\r\n")
          .endsWith("\r\n\r\nrequest body of 10000000 bytes exceeds the limit of 100 bytes\n");
    }
  }

  @Test
  void expectContinueGetsA100BeforeTheBodyIsSent() throws Exception {
    start(limits(LONG, LONG), ECHO);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write("PUT /k HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      byte[] interim = s.getInputStream().readNBytes(25);
      assertThat(new String(interim, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      s.getOutputStream().write("ok".getBytes(StandardCharsets.ISO_8859_1));
      readResponse(s.getInputStream());
    }
  }

  @Test
  void aHandlerThatThrowsGetsA500AndOneAnsweringLaterFromAnotherThreadWorks() throws Exception {
    Handler handler = (request, exchange) -> {
      if (request.rawPath().equals("/throw")) {
        throw new IllegalStateException("bug");
      }
      new Thread(() -> {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.respond(Response.of(200, "text/plain", "later".getBytes(StandardCharsets.UTF_8)));
      }).start();
    };
    start(limits(LONG, LONG), handler);
    try (RawHttpClient http = client()) {
      RawHttpClient.Reply failed = http.send("GET", "/throw", null);
      assertThat(failed.status()).isEqualTo(500);
      assertThat(failed.body()).isEqualTo("internal error\n");
      assertThat(http.send("GET", "/later", null).body()).isEqualTo("later");
      assertThat(http.send("GET", "/later", null).body()).isEqualTo("later");
    }
  }

  @Test
  void respondingTwiceIsAnError() throws Exception {
    CountDownLatch checked = new CountDownLatch(1);
    Throwable[] second = new Throwable[1];
    start(limits(LONG, LONG), (request, exchange) -> {
      exchange.respond(Response.empty(204));
      try {
        exchange.respond(Response.empty(204));
      } catch (IllegalStateException e) {
        second[0] = e;
      }
      checked.countDown();
    });
    try (RawHttpClient http = client()) {
      assertThat(http.send("GET", "/", null).status()).isEqualTo(204);
    }
    assertThat(checked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(second[0]).hasMessage("already answered: GET /");
  }

  @Test
  void bigBodiesWaitForTheBufferBudgetWhileSmallRequestsAreServed() throws Exception {
    start(limits(SHORT, LONG).withBufferBudgetBytes(32 * 1024), ECHO);
    String head = "PUT /big-body HTTP/1.1\r\nContent-Length: 200000\r\n\r\n";
    List<Socket> hogs = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        hogs.add(s);
        s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().write(new byte[60_000]); // and no more: held until the body deadline
      }
      try (RawHttpClient http = client()) {
        assertThat(http.send("PUT", "/small", "x".repeat(1_000)).status()).isEqualTo(200);
      }
    } finally {
      for (Socket s : hogs) {
        s.close();
      }
    }
    awaitNoConnections();
    assertThat(server.bufferedBytes()).as("every byte held was given back").isZero();
    try (RawHttpClient http = client()) {
      assertThat(http.send("PUT", "/after", "y".repeat(60_000)).status()).isEqualTo(200);
    }
    awaitNoConnections();
    assertThat(server.bufferedBytes()).isZero();
  }

  @Test
  void malformedRequestsGetAnExactAnswerAndTheServerKeepsServing() throws Exception {
    start(limits(SHORT, LONG).withMaxHeadBytes(1_024), ECHO);
    String[][] cases = {
        {"GET / HTTP/2.0\r\n\r\n", "505", "HTTP version 2.0 is not supported"},
        {"GET /\r\n\r\n", "400", "request line is not METHOD TARGET VERSION"},
        {"GET / HTTP/1.1\r\nbad header\r\n\r\n", "400", "header line 1 is not NAME: VALUE"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "501", "Transfer-Encoding 'gzip' is not supported (only chunked)"},
        {"POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", "400", "both Transfer-Encoding and Content-Length"},
        {"GET /" + "x".repeat(2_000) + " HTTP/1.1\r\n\r\n", "400", "request head exceeds the limit of 1024 bytes"},
    };
    for (String[] c : cases) {
      try (RawHttpClient http = client()) {
        RawHttpClient.Reply r = http.sendRaw(c[0].getBytes(StandardCharsets.ISO_8859_1), false);
        assertThat(r.status()).as(c[2]).isEqualTo(Integer.parseInt(c[1]));
        assertThat(r.body()).isEqualTo(c[2] + "\n");
        assertThat(r.closed()).isTrue();
      }
    }
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      byte[] junk = new byte[1 + random.nextInt(3_000)];
      random.nextBytes(junk);
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        s.setSoTimeout(30_000);
        s.getOutputStream().write(junk);
        s.shutdownOutput();
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(answer).as("round %d", round).matches("(?s)|HTTP/1\\.1 (400|413|501|505) .*");
      } catch (IOException reset) {
        // a reset after an answer the client had not read yet: the server is free to drop it
      }
    }
    try (RawHttpClient http = client()) {
      assertThat(http.send("GET", "/after-fuzz", null).status()).isEqualTo(200);
    }
  }

  @Test
  void aRequestCutOffByTheClientIsAnswered400() throws Exception {
    start(limits(LONG, LONG), ECHO);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write("PUT /k HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1));
      s.shutdownOutput();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n")
          .endsWith("\r\n\r\nconnection closed before the request body was complete\n");
    }
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> ServerLimits.defaults().withMaxConnections(0)).hasMessage("maxConnections must be positive, got 0");
    assertThatThrownBy(() -> ServerLimits.defaults().withReadTimeout(Duration.ZERO)).hasMessage("timeouts must be positive, got PT0S");
    assertThatThrownBy(() -> Response.empty(200).withHeader("Content-Length", "1"))
        .hasMessage("the server sets Content-Length itself");
  }
}
