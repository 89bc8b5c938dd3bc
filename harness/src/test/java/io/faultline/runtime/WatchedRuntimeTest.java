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
      assertThat(runtime.liveness("stable")).isEqualTo(Liveness.RUNNING);
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
    assertThat(runtime.liveness("stable1")).isEqualTo(Liveness.EXITED);
  }

  /** A runtime whose answers the test scripts; nodes n1 and n2. */
  private static final class ScriptedLiveness implements ClusterRuntime {
    private final java.util.function.Function<String, Liveness> answer;

    ScriptedLiveness(java.util.function.Function<String, Liveness> answer) {
      this.answer = answer;
    }

    public void start(NodeSpec spec) {}

    public void kill(String node) {}

    public void stop(String node) {}

    public void pause(String node) {}

    public void resume(String node) {}

    public void restart(String node) {}

    public Liveness liveness(String node) {
      return answer.apply(node);
    }

    public List<String> nodes() {
      return List.of("n1", "n2");
    }

    public NodeSpec spec(String node) {
      return null;
    }

    public void close() {}
  }

  @Test
  void aRuntimeThatCannotTellIsNeverReadAsACrashEvenWhenInterrupted() {
    WatchedRuntime runtime = new WatchedRuntime(new ScriptedLiveness(node -> Liveness.UNKNOWN), crashes::add);
    Thread.currentThread().interrupt();
    try {
      runtime.checkNow();
      runtime.checkNow();
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag kept").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(crashes).isEmpty();
  }

  /**
   * A node reads "exited" once and is back 100 ms later (a restart just landing): the confirming
   * second look must come after the full wait even with the interrupt flag set. A poll that the
   * end of a run interrupted once skipped the wait and reported live nodes as crashed.
   */
  @Test
  void theConfirmingSecondLookWaitsItsFullDelayEvenWhenInterrupted() {
    long[] firstExit = {0};
    WatchedRuntime runtime = new WatchedRuntime(new ScriptedLiveness(node -> {
      if (!node.equals("n1")) {
        return Liveness.RUNNING;
      }
      long now = System.nanoTime();
      if (firstExit[0] == 0) {
        firstExit[0] = now;
      }
      return now - firstExit[0] < 100_000_000L ? Liveness.EXITED : Liveness.RUNNING;
    }), crashes::add);
    Thread.currentThread().interrupt();
    try {
      runtime.checkNow();
    } finally {
      Thread.interrupted();
    }
    assertThat(crashes).isEmpty();
  }

  private static void awaitDead(ClusterRuntime runtime, String node) throws InterruptedException {
    for (int i = 0; i < 100 && runtime.liveness(node) == Liveness.RUNNING; i++) {
      Thread.sleep(50);
    }
    assertThat(runtime.liveness(node)).as(node + " exited").isEqualTo(Liveness.EXITED);
  }
}
