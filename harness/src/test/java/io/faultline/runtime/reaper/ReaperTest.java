package io.faultline.runtime.reaper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reaper on real processes this test starts (sleeps, a shell with a child): what it was told
 * to watch goes when its lifeline ends, paused or not, children included; what it was told to
 * forget, what it was released from and a pid whose start time differs are left alone.
 */
class ReaperTest {
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  @AfterEach
  void killWhatThisTestStarted() {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private Process start(String... command) throws IOException {
    return start(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD));
  }

  private Process start(ProcessBuilder builder) throws IOException {
    Process p = builder.redirectErrorStream(true).start();
    started.add(p);
    return p;
  }

  private ReapList list() {
    return new ReapList(log, () -> {
      throw new AssertionError("no Docker in these tests");
    });
  }

  @Test
  void theReaperProcessStopsAWatchedShellAndItsChildWhenTheLifelineEnds() throws Exception {
    Process shell = start("sh", "-c", "sleep 600 & wait");
    ProcessHandle child = awaitChild(shell);
    Reaper reaper = Reaper.start(dir);
    reaper.watch(shell.toHandle());
    assertThat(reaper.isAlive()).isTrue();

    reaper.close(); // as the harness's death would

    assertThat(reaper.onExit().get(30, TimeUnit.SECONDS).exitValue()).as(reaperLog()).isZero();
    assertThat(shell.waitFor(10, TimeUnit.SECONDS)).as(reaperLog()).isTrue();
    assertThat(child.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    assertThat(reaperLog()).contains("lifeline ended", "SIGTERM pid " + shell.pid(), "SIGTERM pid " + child.pid());
  }

  @Test
  void theReaperProcessLeavesAForgottenProcessAndEverythingOnceReleased() throws Exception {
    Process forgotten = start("sleep", "600");
    Process released = start("sleep", "600");
    Reaper first = Reaper.start(dir.resolve("first"));
    first.watch(forgotten.toHandle());
    first.forget(forgotten.toHandle());
    first.close();
    Reaper second = Reaper.start(dir.resolve("second"));
    second.watch(released.toHandle());
    second.release();

    first.onExit().get(30, TimeUnit.SECONDS);
    second.onExit().get(30, TimeUnit.SECONDS);
    assertThat(forgotten.isAlive()).as("forgotten").isTrue();
    assertThat(released.isAlive()).as("released").isTrue();
    assertThat(Files.readString(dir.resolve("second/reaper.log"))).contains("nothing to do");
  }

  @Test
  void aPausedProcessIsStoppedToo() throws Exception {
    Process sleeper = start("sleep", "600");
    assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(sleeper.pid())).start().waitFor()).isZero();
    ReapList list = list();
    list.accept(new ReapOrder.WatchProcess(sleeper.pid(), ProcessReaping.startMillis(sleeper.toHandle())));
    assertThat(list.lifelineEnded()).as(logBytes.toString()).isZero();
    assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aPausedJvmIsResumedSoItsShutdownHookRunsBeforeAnySigkill() throws Exception {
    // A stopped process whose SIGTERM has a handler (a JVM's) only acts on it once resumed.
    Path out = dir.resolve("sleepy.out");
    Process jvm = start(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Sleepy.class.getName()).redirectOutput(out.toFile()));
    for (int i = 0; i < 600 && !(Files.exists(out) && Files.readString(out).contains("sleeping")); i++) {
      Thread.sleep(50);
    }
    assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(jvm.pid())).start().waitFor()).isZero();
    ReapList list = list();
    list.accept(new ReapOrder.WatchProcess(jvm.pid(), ProcessReaping.startMillis(jvm.toHandle())));
    assertThat(list.lifelineEnded()).isZero();
    assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(out)).as(logBytes.toString()).contains("hook ran");
    assertThat(logBytes.toString()).doesNotContain("SIGKILL");
  }

  /** A JVM that says when its shutdown hook runs. */
  public static final class Sleepy {
    public static void main(String[] args) throws InterruptedException {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hook ran")));
      System.out.println("sleeping");
      Thread.sleep(600_000);
    }
  }

  @Test
  void aPidWhoseStartTimeDiffersIsNotTheProcessItWasAndIsLeftAlone() throws Exception {
    Process sleeper = start("sleep", "600");
    long start = ProcessReaping.startMillis(sleeper.toHandle());
    assertThat(start).as("the system says when a process started").isPositive();
    ReapList list = list();
    list.accept(new ReapOrder.WatchProcess(sleeper.pid(), start - 1_000)); // as if the pid had been reused
    list.lifelineEnded();
    assertThat(sleeper.isAlive()).isTrue();
    assertThat(logBytes.toString()).doesNotContain("SIGTERM");
  }

  @Test
  void aProcessCarryingTheMarkerIsStoppedThoughNeverAnnounced() throws Exception {
    String marker = UUID.randomUUID().toString();
    ProcessBuilder builder = new ProcessBuilder("sleep", "600").redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("FAULTLINE_TEST_MARK", marker);
    Process marked = start(builder);
    Process unmarked = start("sleep", "600");
    awaitEnvironment(marked, marker);
    ReapList list = list();
    list.accept(new ReapOrder.WatchEnvironment("FAULTLINE_TEST_MARK", marker));
    assertThat(list.lifelineEnded()).isZero();
    assertThat(marked.waitFor(10, TimeUnit.SECONDS)).as(logBytes.toString()).isTrue();
    assertThat(unmarked.isAlive()).isTrue();
  }

  /** The shell's background sleep, once the shell has forked it. */
  private static ProcessHandle awaitChild(Process shell) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      var child = shell.children().findFirst();
      if (child.isPresent()) {
        return child.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the shell started no child");
  }

  /** Until exec has replaced the forked JVM image, /proc shows the parent's environment. */
  private static void awaitEnvironment(Process p, String marker) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (ProcessReaping.withEnvironment("FAULTLINE_TEST_MARK=" + marker).contains(p.pid())) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the marker never showed in /proc/" + p.pid() + "/environ");
  }

  private String reaperLog() throws IOException {
    Path file = dir.resolve("reaper.log");
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
