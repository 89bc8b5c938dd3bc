package io.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.http.NioHttpServer;
import io.faultline.http.bench.RawHttpClient;
import io.faultline.http.bench.SlowClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.client.HttpResponse;
import io.faultline.client.KeepAliveHttp;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void servesFilesAndIndexesButNothingOutsideTheFolder() throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    Files.writeString(results.resolve("index.html"), "<h1>runs</h1>");
    Files.createDirectories(results.resolve("t/r1"));
    Files.writeString(results.resolve("t/r1/results.json"), "{\"valid\":true}");
    Files.writeString(dir.resolve("secret.txt"), "secret");
    Files.createDirectories(dir.resolve("outside"));
    Files.writeString(dir.resolve("outside/secret.txt"), "secret");
    Files.createSymbolicLink(results.resolve("link-out"), dir.resolve("outside"));
    Files.createSymbolicLink(results.resolve("file-out.txt"), dir.resolve("secret.txt"));
    Files.createSymbolicLink(results.resolve("latest"), Path.of("t/r1"));
    NioHttpServer server = ServeCommand.start(results, 0);
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    int port = server.port();
    try (KeepAliveHttp http = new KeepAliveHttp("127.0.0.1", port, 2000)) {
      assertThat(http.exchange("GET", "/", null).bodyText()).isEqualTo("<h1>runs</h1>");
      assertThat(http.exchange("GET", "/t/r1/results.json", null).bodyText()).isEqualTo("{\"valid\":true}");
      assertThat(http.exchange("GET", "/latest/results.json", null).bodyText()).isEqualTo("{\"valid\":true}");
      assertThat(http.exchange("GET", "/t/", null).bodyText()).contains("r1/");
      for (String escape : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/t/../../secret.txt",
          "/..%2fsecret.txt", "/t/%2e%2e/%2e%2e/secret.txt", "/link-out/secret.txt", "/file-out.txt", "/link-out/")) {
        HttpResponse r = http.exchange("GET", escape, null);
        assertThat(r.status()).as(escape).isIn(400, 404);
        assertThat(r.bodyText()).as(escape).doesNotContain("secret");
      }
    } finally {
      server.close();
    }
  }

  @Test
  void rawDotDotRequestLineCannotEscapeEither() throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    Files.writeString(dir.resolve("secret.txt"), "secret");
    NioHttpServer server = ServeCommand.start(results, 0);
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write("GET /../../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).doesNotContain("secret").startsWith("HTTP/1.1 4");
    } finally {
      server.close();
    }
  }

  @Test
  void reRendersARunOnRequestAndWhenItsReportIsStale() throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    Path run = Files.createDirectories(results.resolve("t/20260101T000000.000"));
    Files.writeString(run.resolve("test.json"), "{\"test-name\":\"t\",\"command\":\"./faultline test\"}");
    Files.writeString(run.resolve("history.jsonl"), "{\"index\":0,\"time\":1000,\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n"
        + "{\"index\":1,\"time\":2000000,\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":\"<script>x</script>\"}\n");
    Files.writeString(run.resolve("results.json"), "{\"valid\":false,\"checkers\":{\"linearizable\":{\"valid\":false,\"why\":\"stale\"}}}");
    NioHttpServer server = ServeCommand.start(results, 0);
    try (KeepAliveHttp http = new KeepAliveHttp("127.0.0.1", server.port(), 20_000)) {
      // no index.html yet: rendered on the first visit
      HttpResponse first = http.exchange("GET", "/t/20260101T000000.000/", null);
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.bodyText()).contains("INVALID").contains("stale").doesNotContain("<script>x");
      assertThat(run.resolve("timeline.html")).exists();
      // results.json newer than the report (analyze ran): rendered again
      Files.writeString(run.resolve("results.json"), "{\"valid\":true,\"checkers\":{\"linearizable\":{\"valid\":true}}}");
      Files.setLastModifiedTime(run.resolve("index.html"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
      assertThat(http.exchange("GET", "/t/20260101T000000.000/", null).bodyText()).contains("VALID — no anomaly");
      // ?rerender forces it even when fresh
      Files.writeString(run.resolve("index.html"), "old");
      assertThat(http.exchange("GET", "/t/20260101T000000.000/?rerender", null).bodyText()).contains("VALID — no anomaly");
      assertThat(http.exchange("GET", "/t/20260101T000000.000/index.html", null).bodyText()).contains("VALID");
    } finally {
      server.close();
    }
  }

  @Test
  void aClientThatSendsOneByteAndStopsDelaysNobody() throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    Files.writeString(results.resolve("index.html"), "<h1>runs</h1>");
    NioHttpServer server = ServeCommand.start(results, 0);
    try (Socket oneByte = new Socket("127.0.0.1", server.port());
        SlowClients slow = new SlowClients(server.address(), "/")) {
      oneByte.getOutputStream().write('G');
      oneByte.getOutputStream().flush();
      for (SlowClients.Kind kind : SlowClients.Kind.values()) {
        slow.add(kind, 10);
      }
      try (KeepAliveHttp http = new KeepAliveHttp("127.0.0.1", server.port(), 5_000)) {
        assertThat(http.exchange("GET", "/", null).bodyText()).isEqualTo("<h1>runs</h1>");
      }
      try (RawHttpClient raw = new RawHttpClient(server.address(), 5_000)) {
        RawHttpClient.Reply head = raw.send("HEAD", "/", null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("13");
        assertThat(raw.send("GET", "/", null).body()).as("same connection, after a bodiless HEAD").isEqualTo("<h1>runs</h1>");
      }
      assertThat(slow.stillOpen()).as("served while all of them waited").isEqualTo(40);
    } finally {
      server.close();
    }
  }

  @Test
  void slowClientsAreAnswered408AndClosedAfterTheReadTimeout() throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    NioHttpServer server = ServeCommand.start(results, InetAddress.getLoopbackAddress(), 0,
        ServeCommand.LIMITS.withReadTimeout(Duration.ofMillis(300)));
    try (SlowClients slow = new SlowClients(server.address(), "/")) {
      slow.add(SlowClients.Kind.PARTIAL_HEAD, 5).add(SlowClients.Kind.SILENT, 5);
      List<SlowClients.Closed> closed = slow.awaitClosed(Duration.ofSeconds(30));
      assertThat(closed).hasSize(10).allSatisfy(c -> {
        assertThat(c.after()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        if (c.kind() == SlowClients.Kind.PARTIAL_HEAD) {
          assertThat(c.received()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
              .endsWith("\r\n\r\nrequest head not complete within 300 ms\n");
        } else {
          assertThat(c.received()).isEmpty();
        }
      });
    } finally {
      server.close();
    }
  }

  @Test
  void bindingBeyondLoopbackIsAllowedWithAOneLineWarning() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(err, true, StandardCharsets.UTF_8);
    ServeCommand.warnIfExposed(InetAddress.getByName("127.0.0.1"), "127.0.0.1", out);
    ServeCommand.warnIfExposed(InetAddress.getByName("::1"), "::1", out);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    ServeCommand.warnIfExposed(InetAddress.getByName("0.0.0.0"), "0.0.0.0", out);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("faultline serve: warning: --bind 0.0.0.0 listens on every "
        + "network interface: anyone who can reach this port can read every stored run (default 127.0.0.1: this machine only)\n");
    err.reset();
    ServeCommand.warnIfExposed(InetAddress.getByName("192.0.2.7"), "192.0.2.7", out);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("faultline serve: warning: --bind 192.0.2.7 listens on 192.0.2.7:")
        .endsWith("\n").hasLineCount(1);
    String help = new picocli.CommandLine(new ServeCommand()).getUsageMessage();
    assertThat(help.replaceAll("\\s+", " ")).contains("lets whoever can reach the port read every stored run; allowed, with a warning");
  }
}
