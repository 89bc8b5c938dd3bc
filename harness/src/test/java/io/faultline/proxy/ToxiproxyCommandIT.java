package io.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline toxiproxy} as a real process: prints its address, serves, stops on SIGTERM. */
class ToxiproxyCommandIT {
  private static final Pattern ADDRESS = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");

  private static Process launch(String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.faultline.cli.Main", "toxiproxy"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void servesTheApiWithProxiesFromConfigAndStopsOnSigterm(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("proxies.json");
    Files.writeString(config, "[{\"name\":\"from-config\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"}]");
    Process process = launch("--host", "127.0.0.1", "--port", "0", "--config", config.toString(), "--seed", "3");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).contains("listening on http://127.0.0.1:");
      Matcher m = ADDRESS.matcher(line);
      assertThat(m.find()).isTrue();
      RawHttp http = new RawHttp(Integer.parseInt(m.group(1)));
      assertThat(http.get("/version").body()).isEqualTo("{\"version\": \"2.12.0\"}\n");
      assertThat(http.get("/proxies/from-config").status()).isEqualTo(200);
      process.destroy(); // SIGTERM
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void badConfigIsAOneLineErrorAndExit3(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.json");
    Files.writeString(config, "[{\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"}]");
    Process process = launch("--port", "0", "--config", config.toString());
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(3);
    assertThat(output.strip())
        .isEqualTo("faultline toxiproxy: --config " + config + ": missing required field: name at proxy 1");
  }

  @Test
  void apiPortInUseIsAOneLineErrorAndExit3() throws Exception {
    try (ToxiproxyServer running = ToxiproxyServer.start("127.0.0.1", 0)) {
      Process process = launch("--host", "127.0.0.1", "--port", String.valueOf(running.port()));
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).isEqualTo(3);
      assertThat(output.strip())
          .startsWith("faultline toxiproxy: cannot start the Toxiproxy API on 127.0.0.1:" + running.port())
          .doesNotContain("\n");
    }
  }
}
