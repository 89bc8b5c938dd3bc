package io.faultline.it;

import io.faultline.runtime.Liveness;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.client.NodeAdmin;
import io.faultline.run.Cluster;
import io.faultline.run.EmbeddedToxiproxy;
import io.faultline.runtime.LocalRuntime;
import io.faultline.runtime.NodeSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real node processes: pause freezes a node, resume thaws it, kill is immediate, restart keeps
 * data; closing stops nodes cleanly, so their logs keep no preallocated tail.
 */
class LocalRuntimeIT {

  @Test
  void pauseResumeKillRestart() throws Exception {
    Path dir = ItSupport.resultsDir("runtime").resolve("run-" + System.nanoTime());
    NodeAdmin admin = new NodeAdmin(1_000);
    try (EmbeddedToxiproxy proxy = EmbeddedToxiproxy.start();
        LocalRuntime runtime = new LocalRuntime(ItSupport.nodeJar(), dir.resolve("nodes"), List.of("--protocol", "naive"))) {
      Cluster.start(Cluster.nodeIds(3), runtime, proxy);
      Cluster.awaitUp(runtime, admin, 90_000, System::currentTimeMillis, ms -> sleep(ms));
      var n1 = runtime.spec("n1").client();
      assertThat(admin.status(n1)).isPresent();

      runtime.pause("n1");
      assertThat(admin.status(n1)).isEmpty(); // frozen: the request times out
      assertThat(runtime.liveness("n1")).isEqualTo(Liveness.RUNNING);
      runtime.resume("n1");
      assertThat(admin.status(n1)).isPresent();

      long pid = runtime.pid("n2");
      runtime.kill("n2");
      assertThat(runtime.liveness("n2")).isEqualTo(Liveness.EXITED);
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      runtime.restart("n2");
      Cluster.awaitUp(runtime, admin, 90_000, System::currentTimeMillis, ms -> sleep(ms));
      assertThat(runtime.pid("n2")).isNotEqualTo(pid);
      assertThat(dir.resolve("nodes/n2/node.log")).content().contains("--data-dir");

      // One crash for the whole cluster, a paused node included.
      runtime.pause("n3");
      List<Long> pids = List.of(runtime.pid("n1"), runtime.pid("n2"), runtime.pid("n3"));
      runtime.killTogether(List.of("n1", "n2", "n3"));
      for (int i = 0; i < 3; i++) {
        assertThat(runtime.liveness("n" + (i + 1))).isEqualTo(Liveness.EXITED);
        assertThat(ProcessHandle.of(pids.get(i)).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      }
      for (String n : List.of("n1", "n2", "n3")) {
        runtime.restart(n);
      }
      Cluster.awaitUp(runtime, admin, 90_000, System::currentTimeMillis, ms -> sleep(ms));
      put(runtime.spec("n1").client(), "k", 1);
      assertThat(Files.size(dir.resolve("nodes/n1/data/naive-log"))).as("preallocated while running")
          .isGreaterThanOrEqualTo(1 << 20);
    }
    for (String n : List.of("n1", "n2", "n3")) {
      Path log = dir.resolve("nodes").resolve(n).resolve("data/naive-log");
      assertThat(trailingZeros(log)).as(log + ": a preallocated tail after a clean stop").isLessThan(4096);
    }
    assertThat(Files.size(dir.resolve("nodes/n1/data/naive-log"))).isPositive();
  }

  private static void put(NodeSpec.Address node, String key, int value) throws Exception {
    HttpRequest put = HttpRequest.newBuilder(URI.create("http://" + node + "/kv/" + key))
        .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofString("{\"value\":" + value + "}")).build();
    assertThat(HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  /** How many zero bytes a file ends with: a preallocated tail is a megabyte of them, a record a few at most. */
  static long trailingZeros(Path file) throws java.io.IOException {
    byte[] bytes = Files.readAllBytes(file);
    int i = bytes.length;
    while (i > 0 && bytes[i - 1] == 0) {
      i--;
    }
    return bytes.length - i;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
