package io.faultline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.sut.NodeLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every runtime operation called with the interrupt flag set (as a thread is when the run ends
 * under it) does all its work and keeps the flag: an interrupted kill once threw before the node
 * had died, and the restart that followed found the dying process "alive" and did nothing.
 */
class LocalRuntimeInterruptTest {
  @TempDir Path dir;

  private final NodeLauncher sleeper = new NodeLauncher() {
    public List<String> command(NodeSpec spec, Path dataDir) {
      return List.of("sleep", "60");
    }
  };

  @AfterEach
  void clearFlag() {
    Thread.interrupted();
  }

  private LocalRuntime start(String... ids) throws IOException {
    LocalRuntime runtime = new LocalRuntime(sleeper, dir.resolve("nodes"));
    for (String id : ids) {
      NodeSpec.Address a = new NodeSpec.Address("127.0.0.1", 1);
      runtime.start(new NodeSpec(id, a, a, Map.of()));
    }
    return runtime;
  }

  @Test
  void anInterruptedKillStillKillsAndTheRestartAfterItStartsANewProcess() throws IOException {
    try (LocalRuntime runtime = start("n1", "n2")) {
      long oldPid = runtime.pid("n1");
      Thread.currentThread().interrupt();
      runtime.killTogether(List.of("n1", "n2"));
      assertThat(runtime.liveness("n1")).isEqualTo(Liveness.EXITED);
      assertThat(runtime.liveness("n2")).isEqualTo(Liveness.EXITED);
      runtime.restart("n1");
      assertThat(runtime.liveness("n1")).isEqualTo(Liveness.RUNNING);
      assertThat(runtime.pid("n1")).isNotEqualTo(oldPid);
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag kept").isTrue();
    }
  }

  @Test
  void anInterruptedPauseResumeAndStopDoTheirWork() throws IOException {
    try (LocalRuntime runtime = start("n1")) {
      Thread.currentThread().interrupt();
      runtime.pause("n1");
      assertThat(awaitState(runtime.pid("n1"), true)).isEqualTo('T');
      runtime.resume("n1");
      assertThat(awaitState(runtime.pid("n1"), false)).isNotEqualTo('T');
      runtime.stop("n1");
      assertThat(runtime.liveness("n1")).isEqualTo(Liveness.EXITED);
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag kept").isTrue();
    }
  }

  /**
   * The process's state once it is (or is no longer) stopped, waiting up to 5 s: the kernel
   * delivers a signal when the target is next scheduled, which on a loaded machine is a while
   * after {@code kill} itself has exited.
   */
  private static char awaitState(long pid, boolean stopped) throws IOException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    char state = processState(pid);
    while ((state == 'T') != stopped && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      state = processState(pid);
    }
    return state;
  }

  /** The state letter in /proc/PID/stat: T when stopped by a signal. */
  private static char processState(long pid) throws IOException {
    String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.charAt(stat.lastIndexOf(')') + 2);
  }
}
