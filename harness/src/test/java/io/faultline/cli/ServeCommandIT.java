package io.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.http.bench.RawHttpClient;
import io.faultline.http.bench.SlowClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faultline serve} as a real process: binding beyond loopback is allowed with one warning
 * line, and with 1,000 slow clients connected a page is still served (latency printed; only the
 * answer is asserted).
 */
class ServeCommandIT {
  private static final Pattern PORT = Pattern.compile("at http://[^ ]*:(\\d+)/");

  /** The next line, or a failure after 60 s (a line that never comes must not hang the build). */
  private static String line(BufferedReader reader) throws Exception {
    CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
      try {
        return reader.readLine();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try {
      return next.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no line within 60 s", e);
    }
  }

  @Test
  void bindingEverywhereWarnsAndAThousandSlowClientsDelayNobody(@TempDir Path dir) throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    Files.writeString(results.resolve("index.html"), "<h1>runs</h1>");
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.faultline.cli.Main",
        "serve", "--bind", "0.0.0.0", "--port", "0", "--results-dir", results.toString());
    Process process = new ProcessBuilder(command).start();
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String serving = line(out);
      assertThat(line(err)).isEqualTo("faultline serve: warning: --bind 0.0.0.0 listens on every network interface: "
          + "anyone who can reach this port can read every stored run (default 127.0.0.1: this machine only)");
      Matcher m = PORT.matcher(serving);
      assertThat(m.find()).as(serving).isTrue();
      InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
      try (SlowClients slow = new SlowClients(address, "/")) {
        for (SlowClients.Kind kind : SlowClients.Kind.values()) {
          slow.add(kind, 250);
        }
        long[] nanos = new long[20];
        for (int i = 0; i < nanos.length; i++) {
          long t0 = System.nanoTime();
          try (RawHttpClient http = new RawHttpClient(address, 10_000)) {
            assertThat(http.send("GET", "/", null).body()).isEqualTo("<h1>runs</h1>");
          }
          nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        int open = slow.stillOpen();
        System.out.printf("ServeCommandIT: with %d slow connections open, GET / on a new connection: p50 %.1f ms, "
            + "max %.1f ms; slow ones still open: %d%n", slow.size(), nanos[10] / 1e6, nanos[19] / 1e6, open);
        assertThat(open).isEqualTo(1_000);
      }
      assertThat(err.ready()).as("nothing more on stderr").isFalse();
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
      process.destroyForcibly();
    }
  }
}
