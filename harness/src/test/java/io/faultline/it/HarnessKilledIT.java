package io.faultline.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.runtime.FreePorts;
import io.faultline.runtime.LocalRuntime;
import io.faultline.runtime.NodeSpec;
import io.faultline.runtime.NodeSpec.Address;
import io.faultline.sut.CommandTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the harness leaves nothing of its run behind: within 10 s no process that
 * mentions the run folder (nodes, their children, the reaper) is alive. The harness runs as its
 * own process; the test waits for the states that need each mechanism (a node restarted by the
 * nemesis: the reaper must know its new pid; a paused node: it cannot read its lifeline; a user's
 * program behind a shell: it knows no Faultline flag) before it kills it.
 */
class HarnessKilledIT {
  private static final long GONE_WITHIN_MILLIS = 10_000;

  @Test
  void theBundledNodesDieWithTheHarnessEvenRestartedOrPaused() throws Exception {
    Path dir = KilledHarness.resultsDir("bundled");
    Process harness = KilledHarness.startCli(dir.resolve("harness.out"), "test", "--system", "raft", "--nodes", "3",
        "--nemesis", "kill,pause", "--nemesis-interval", "2", "--time-limit", "300", "--results-dir", dir.toString());
    try {
      boolean ready = KilledHarness.await(() -> !harness.isAlive() || restarted(dir) && paused(dir), 240_000);
      assertThat(harness.isAlive()).as("harness running: " + output(dir)).isTrue();
      assertThat(ready).as("a node restarted by the nemesis and one paused, in time: " + output(dir)).isTrue();
      List<ProcessHandle> before = nodes(dir);
      assertThat(before).as("node processes").isNotEmpty();

      long killedAt = System.nanoTime();
      harness.destroyForcibly(); // SIGKILL: no shutdown hook runs
      harness.waitFor();

      boolean gone = KilledHarness.await(() -> KilledHarness.mentioning(dir).isEmpty(), GONE_WITHIN_MILLIS);
      System.out.printf("%s: gone %d ms after the kill%n", dir.getFileName(),
          (System.nanoTime() - killedAt) / 1_000_000);
      assertThat(gone).as("processes of the run still alive 10 s after the harness was killed:"
          + KilledHarness.describe(KilledHarness.mentioning(dir))).isTrue();
      assertThat(reaperLog(dir)).contains("lifeline ended");
    } finally {
      harness.destroyForcibly();
      KilledHarness.cleanUp(dir);
    }
  }

  /** The node's own lifeline, alone: the reaper is killed first. */
  @Test
  void theBundledNodesDieWithTheHarnessEvenWithoutTheReaper() throws Exception {
    Path dir = KilledHarness.resultsDir("lifeline");
    Process harness = KilledHarness.startCli(dir.resolve("harness.out"), "test", "--system", "raft", "--nodes", "3",
        "--nemesis", "none", "--time-limit", "300", "--results-dir", dir.toString());
    try {
      boolean ready = KilledHarness.await(() -> !harness.isAlive() || nodes(dir).size() == 3 && reaper(dir).isPresent()
          && output(dir).contains("ok "), 240_000);
      assertThat(harness.isAlive() && ready).as("harness running its nodes: " + output(dir)).isTrue();

      ProcessHandle reaper = reaper(dir).orElseThrow();
      reaper.destroyForcibly();
      assertThat(reaper.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
      long killedAt = System.nanoTime();
      harness.destroyForcibly();
      harness.waitFor();

      boolean gone = KilledHarness.await(() -> KilledHarness.mentioning(dir).isEmpty(), GONE_WITHIN_MILLIS);
      System.out.printf("%s: gone %d ms after the kill%n", dir.getFileName(),
          (System.nanoTime() - killedAt) / 1_000_000);
      assertThat(gone).as("processes of the run still alive 10 s after the harness was killed:"
          + KilledHarness.describe(KilledHarness.mentioning(dir))).isTrue();
      for (Path log : nodeLogs(dir)) {
        assertThat(read(log)).as(log.toString()).contains("lifeline: standard input ended");
        // A lifeline ends in a clean close, which cuts the log's preallocated zeros.
        Path raftLog = log.resolveSibling("data").resolve("raft-log");
        assertThat(LocalRuntimeIT.trailingZeros(raftLog)).as(raftLog.toString()).isLessThan(4096);
      }
    } finally {
      harness.destroyForcibly();
      KilledHarness.cleanUp(dir);
    }
  }

  @Test
  void aUsersProgramBehindAShellDiesWithTheHarnessEvenPaused() throws Exception {
    Path dir = KilledHarness.resultsDir("user");
    Path out = dir.resolve("harness.out");
    Process harness = KilledHarness.startMain(UserSystemHarness.class, out, dir.resolve("nodes").toString(),
        KilledHarness.nodeJar().toString());
    try {
      boolean ready = KilledHarness.await(() -> !harness.isAlive() || read(out).contains("ready"), 120_000);
      assertThat(harness.isAlive() && ready).as("harness ready: " + read(out)).isTrue();
      List<ProcessHandle> before = KilledHarness.mentioning(dir);
      assertThat(before.stream().filter(p -> KilledHarness.commandLine(p).orElse("").startsWith("sh "))
          .map(KilledHarness::state)).as("the shells, n2 paused" + KilledHarness.describe(before))
          .hasSize(3).contains('T');
      assertThat(before.stream().filter(p -> !KilledHarness.commandLine(p).orElse("").startsWith("sh ")
          && KilledHarness.commandLine(p).orElse("").contains("kv-node.jar --id")))
          .as("the shells' java children" + KilledHarness.describe(before)).hasSize(3);

      long killedAt = System.nanoTime();
      harness.destroyForcibly();
      harness.waitFor();

      boolean gone = KilledHarness.await(() -> KilledHarness.mentioning(dir).isEmpty(), GONE_WITHIN_MILLIS);
      System.out.printf("%s: gone %d ms after the kill%n", dir.getFileName(),
          (System.nanoTime() - killedAt) / 1_000_000);
      assertThat(gone).as("processes of the run still alive 10 s after the harness was killed:"
          + KilledHarness.describe(KilledHarness.mentioning(dir))).isTrue();
    } finally {
      harness.destroyForcibly();
      KilledHarness.cleanUp(dir);
    }
  }

  /**
   * A harness for a system that knows nothing of Faultline: each node is {@code sh -c "java -jar
   * kv-node.jar ... & wait"} (the shell gives its background child /dev/null, not the lifeline), n2
   * is paused; then it prints "ready" and waits to be killed.
   */
  public static final class UserSystemHarness {
    public static void main(String[] args) throws Exception {
      Path nodes = Path.of(args[0]);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      CommandTemplate template = CommandTemplate.of("sh", "-c", java + " -Xmx64m -XX:TieredStopAtLevel=1 -jar "
          + args[1] + " --id {id} --protocol naive --client-listen {client} --peer-listen {peer} --data-dir {data-dir}"
          + " & wait");
      LocalRuntime runtime = new LocalRuntime(template, nodes);
      for (String id : List.of("n1", "n2", "n3")) {
        Address client = new Address("127.0.0.1", FreePorts.next());
        Address peer = new Address("127.0.0.1", FreePorts.next());
        runtime.start(new NodeSpec(id, client, peer, Map.of(id, peer)));
      }
      runtime.pause("n2");
      System.out.println("ready");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  private static List<ProcessHandle> nodes(Path dir) {
    return KilledHarness.mentioning(dir).stream()
        .filter(p -> KilledHarness.commandLine(p).orElse("").contains("kv-node.jar --id")).toList();
  }

  private static java.util.Optional<ProcessHandle> reaper(Path dir) {
    return KilledHarness.mentioning(dir).stream()
        .filter(p -> KilledHarness.commandLine(p).orElse("").contains("ReaperMain")).findFirst();
  }

  private static List<Path> nodeLogs(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().equals("node.log")).toList();
    }
  }

  private static boolean paused(Path dir) {
    return nodes(dir).stream().anyMatch(p -> KilledHarness.state(p) == 'T');
  }

  /** Whether some node has been started twice (each start writes its command line to node.log). */
  private static boolean restarted(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().equals("node.log"))
          .anyMatch(log -> read(log).lines().filter(l -> l.startsWith("# ")).count() >= 2);
    } catch (IOException | UncheckedIOException e) {
      return false; // a file appearing or vanishing meanwhile: asked again
    }
  }

  private static String reaperLog(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().equals("reaper.log")).map(HarnessKilledIT::read)
          .reduce("", String::concat);
    }
  }

  private static String output(Path dir) {
    return read(dir.resolve("harness.out"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}
