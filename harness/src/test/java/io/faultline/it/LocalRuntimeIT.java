package io.faultline.it;

import io.faultline.runtime.Liveness;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.client.NodeAdmin;
import io.faultline.run.Cluster;
import io.faultline.run.EmbeddedToxiproxy;
import io.faultline.runtime.LocalRuntime;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real node processes: pause freezes a node, resume thaws it, kill is immediate, restart keeps data. */
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
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
