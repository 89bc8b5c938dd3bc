package io.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.faultline.client.HttpResponse;
import io.faultline.client.KeepAliveHttp;
import java.nio.file.Files;
import java.nio.file.Path;
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
    HttpServer server = ServeCommand.start(results, 0);
    try (KeepAliveHttp http = new KeepAliveHttp("127.0.0.1", server.getAddress().getPort(), 2000)) {
      assertThat(http.exchange("GET", "/", null).bodyText()).isEqualTo("<h1>runs</h1>");
      assertThat(http.exchange("GET", "/t/r1/results.json", null).bodyText()).isEqualTo("{\"valid\":true}");
      assertThat(http.exchange("GET", "/t/", null).bodyText()).contains("r1/");
      HttpResponse escape = http.exchange("GET", "/../secret.txt", null);
      assertThat(escape.status()).isEqualTo(404);
      assertThat(http.exchange("GET", "/%2e%2e/secret.txt", null).status()).isEqualTo(404);
    } finally {
      server.stop(0);
    }
  }
}
