package io.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Flag validation: exit 3 with one line naming the flag and the allowed values, no stack trace. */
class TestCommandTest {

  private static String[] run(String... args) {
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      code = Main.execute(args);
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void unknownSystemNamesTheFlagAndTheAllowedValues() {
    String[] r = run("test", "--system", "zab");
    assertThat(r[0]).isEqualTo("3");
    assertThat(r[1]).contains("--system: unknown value 'zab' (allowed: raft, paxos, naive)").doesNotContain("Exception");
  }

  @Test
  void unknownNemesisAndWorkloadAreNamed() {
    assertThat(run("test", "--nemesis", "partition,flood")[1]).contains("--nemesis: unknown nemesis 'flood'");
    assertThat(run("test", "--workload", "queue")[1]).contains("--workload: unknown value 'queue' (allowed: cas-register, register, set, list-append, rw-register)");
    assertThat(run("test", "--nodes", "0")[1]).contains("--nodes: must be >= 1, was 0");
    assertThat(run("test", "--time-limit", "abc")[0]).isEqualTo("3");
  }

  @Test
  void partitionOptionsNameTheBadShapeAndNeedThePartitionNemesis() {
    assertThat(run("test", "--partition-shapes", "halves,cube")[1]).contains(
        "--partition-shapes: unknown value 'cube' (allowed: halves, isolate-one, isolate-leader, majorities-ring,"
            + " bridge, isolate-leader-pairs)");
    String[] r = run("test", "--nemesis", "kill", "--partition-flap");
    assertThat(r[0]).isEqualTo("3");
    assertThat(r[1]).contains("--partition-flap: only applies to the partition nemesis, and --nemesis is 'kill'")
        .doesNotContain("Exception");
  }

  @Test
  void nemesisTargetsNameTheBadTargetAndNeedANemesisThatHitsNodes() {
    assertThat(run("test", "--nemesis", "clock", "--nemesis-targets", "leader,half")[1]).contains(
        "--nemesis-targets: unknown value 'half' (allowed: one, minority, majority, all, leader)");
    String[] r = run("test", "--nemesis", "partition,latency", "--nemesis-targets", "leader");
    assertThat(r[0]).isEqualTo("3");
    assertThat(r[1]).contains("--nemesis-targets: only applies to the kill, pause and clock nemeses, and --nemesis"
        + " is 'partition,latency'").doesNotContain("Exception");
  }

  @Test
  void analyzeOfAMissingFolderIsAOneLineError() {
    String[] r = run("analyze", "/nonexistent/run");
    assertThat(r[0]).isEqualTo("3");
    assertThat(r[1].strip()).isEqualTo("faultline analyze: /nonexistent/run: no such run folder");
  }
}
