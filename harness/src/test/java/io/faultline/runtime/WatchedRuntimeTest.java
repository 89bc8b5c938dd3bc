package io.faultline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.run.Cluster;
import io.faultline.sut.NodeLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes: "stable" nodes sleep, "fragile" ones log a last line and exit by themselves. */
class WatchedRuntimeTest {
  @TempDir Path dir;

  private final List<String> crashes = new CopyOnWriteArrayList<>();

  private final NodeLauncher launcher = new NodeLauncher() {
    public List<String> command(NodeSpec spec, Path dataDir) {
      String script = spec.id().startsWith("fragile")
          ? "sleep 0.2; echo 'safety violation: conflicting entry'; exit 1"
          : "sleep 60";
      return List.of("sh", "-c", script);
    }
  };

  private WatchedRuntime start(String... ids) throws IOException {
    WatchedRuntime runtime = new WatchedRuntime(new LocalRuntime(launcher, dir.resolve("nodes")), crashes::add);
    for (String id : ids) {
      NodeSpec.Address a = new NodeSpec.Address("127.0.0.1", 1);
      runtime.start(new NodeSpec(id, a, a, Map.of()));
    }
    return runtime;
  }

  @Test
  void aNodeThatExitsOnItsOwnIsReportedOnceButOneTheNemesisKilledIsNot() throws Exception {
    try (WatchedRuntime runtime = start("stable", "fragile")) {
      runtime.kill("stable");
      awaitDead(runtime, "fragile");
      runtime.checkNow();
      runtime.checkNow();
      assertThat(crashes).containsExactly("fragile");
      assertThat(Cluster.lastLogLine(dir.resolve("nodes"), "fragile")).isEqualTo("safety violation: conflicting entry");

      runtime.restart("stable");
      runtime.restart("fragile"); // a new life: its next crash is a new finding
      awaitDead(runtime, "fragile");
      runtime.checkNow();
      assertThat(crashes).containsExactly("fragile", "fragile");
      assertThat(runtime.isRunning("stable")).isTrue();
    }
  }

  @Test
  void aCrashBetweenPollsIsReportedBeforeARestartOrKillHidesIt() throws Exception {
    try (WatchedRuntime runtime = start("fragile1", "fragile2")) {
      awaitDead(runtime, "fragile1");
      awaitDead(runtime, "fragile2");
      runtime.restart("fragile1"); // healing at the end of a run restarts whatever is down
      runtime.killTogether(List.of("fragile2")); // a kill fault aimed at a node already dead
      assertThat(crashes).containsExactly("fragile1", "fragile2");
    }
  }

  @Test
  void closingTheRuntimeStopsEveryNodeWithoutReportingCrashes() throws Exception {
    WatchedRuntime runtime = start("stable1", "stable2");
    runtime.close();
    runtime.checkNow(); // a poll that was still running when an aborted run closed the cluster
    assertThat(crashes).isEmpty();
    assertThat(runtime.isRunning("stable1")).isFalse();
  }

  private static void awaitDead(ClusterRuntime runtime, String node) throws InterruptedException {
    for (int i = 0; i < 100 && runtime.isRunning(node); i++) {
      Thread.sleep(50);
    }
    assertThat(runtime.isRunning(node)).as(node + " exited").isFalse();
  }
}
