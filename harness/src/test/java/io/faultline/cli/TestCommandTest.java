package io.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void huntRefusesBadPackagesBudgetsAndAFixedNemesisWithPackages() {
    String[] both = run("hunt", "--nemesis", "kill", "--packages", "crashes");
    assertThat(both[0]).isEqualTo("3");
    assertThat(both[1]).contains("--packages: a hunt either rotates packages or keeps the nemesis the flags give");
    String[] unknown = run("hunt", "--packages", "crashes,floods");
    assertThat(unknown[0]).isEqualTo("3");
    assertThat(unknown[1]).contains("--packages: unknown package 'floods' (allowed: leaders, crashes, partitions, flapping, "
        + "clocks, mixed)");
    String[] budget = run("hunt", "--time-budget", "0");
    assertThat(budget[0]).isEqualTo("3");
    assertThat(budget[1]).contains("--time-budget: must be between 1 and");
    String[] count = run("hunt", "--test-count", "2");
    assertThat(count[0]).as("--test-count is the test command's").isEqualTo("3");
  }

  /** The hunt's own repeat command drops the nemesis it rotates and the seed of one attempt. */
  @Test
  void theHuntRepeatCommandKeepsTheTestFlagsAndNamesTheHuntSeed() {
    picocli.CommandLine cli = new picocli.CommandLine(new HuntCommand());
    cli.parseArgs("--system", "paxos", "--nodes", "3", "--bug", "double-vote", "--time-budget", "90");
    HuntCommand hunt = cli.getCommand();
    var base = hunt.options.config();
    String command = hunt.huntCommand(base, io.faultline.hunt.NemesisPackages.ALL, 77);
    assertThat(command).startsWith("./faultline hunt --system paxos --runtime local --nodes 3 ")
        .contains(" --bug double-vote").doesNotContain("--nemesis").endsWith(
            " --time-budget 90 --packages leaders,crashes,partitions,flapping,clocks,mixed --seed 77");
    String fixed = hunt.huntCommand(base.withNemesis(java.util.EnumSet.of(io.faultline.nemesis.NemesisKind.KILL), 2_000,
        java.util.List.of(), true, java.util.List.of("all")), java.util.List.of(), 77);
    assertThat(fixed).contains(" --nemesis kill --nemesis-interval 2 --partition-flap --nemesis-targets all ")
        .endsWith(" --time-budget 90 --seed 77");
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
            + " bridge, isolate-leader-pairs, leader-minority)");
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
  void durationsBeyondAnyRunAndNonFiniteValuesAreRefusedUpFront() {
    for (String value : new String[] {"1e20", "Infinity", "NaN", "0", "9.3e15"}) {
      String[] r = run("test", "--time-limit", value);
      assertThat(r[0]).as(value).isEqualTo("3");
      assertThat(r[1]).contains("--time-limit: must be between 0.001 and 2592000 seconds (30 days), was");
    }
    assertThat(run("test", "--nemesis-interval", "0.01")[1]).contains("--nemesis-interval: must be between 0.1");
    assertThat(run("test", "--recovery", "Infinity")[1]).contains("--recovery: must be between 0 and 2592000");
    assertThat(run("test", "--rate", "Infinity")[1]).contains("--rate: must be a finite number >= 0, was Infinity");
    assertThat(run("test", "--test-count", "0")[1]).contains("--test-count: must be >= 1, was 0");
  }

  @Test
  void meaninglessNemesisListsAreRefused() {
    assertThat(run("test", "--nemesis", "none,kill")[1])
        .contains("--nemesis: 'none' cannot be combined with other nemeses ('none,kill')");
    assertThat(run("test", "--nemesis", "kill,,pause")[1]).contains("--nemesis: empty entry in 'kill,,pause'");
    assertThat(run("test", "--nemesis", "kill,kill")[1]).contains("--nemesis: 'kill' given twice in 'kill,kill'");
  }

  @Test
  void aJunitXmlPathThatCannotBeWrittenIsRefusedBeforeTheRun(@TempDir Path dir) {
    assertThat(run("test", "--junit-xml", "/proc/faultline-report.xml")[1])
        .contains("--junit-xml: /proc/faultline-report.xml cannot be written (");
    assertThat(run("test", "--junit-xml", "/etc/hostname/report.xml")[1])
        .contains("--junit-xml: /etc/hostname/report.xml cannot be written (");
    assertThat(run("test", "--junit-xml", dir.toString())[1]).contains("--junit-xml: " + dir + " is a directory");
  }

  @Test
  void anUnknownBugIsRefusedBeforeARunFolderOrANodeExists(@TempDir Path results) throws Exception {
    String[] r = run("test", "--bug", "nosuchbug", "--results-dir", results.toString());
    assertThat(r[0]).isEqualTo("3");
    assertThat(r[1].strip()).startsWith("faultline: --bug: unknown bug 'nosuchbug' for protocol raft; allowed: ")
        .contains("double-vote").doesNotContain("\n");
    try (var left = Files.list(results)) {
      assertThat(left).as("nothing of the run was made").isEmpty();
    }
  }

  /** The command a run prints is the run: parsed back, it gives the same configuration. */
  @Test
  void theRepeatCommandParsesBackToTheSameConfiguration() {
    for (String flags : new String[] {"", "--system paxos --values small --request-timeout 700 --recovery 2.5",
        "--nemesis partition --partition-shapes isolate-leader --partition-flap --nemesis-interval 1.2 --nodes 3 --rate 8",
        "--nemesis kill,clock --nemesis-targets majority --bug double-vote --read-mode lease --seed 9"}) {
      TestCommand first = parse(flags.isEmpty() ? new String[0] : flags.split(" "));
      var config = first.config();
      String[] repeat = config.command().replaceFirst("^\\./faultline test ", "").split(" ");
      var again = parse(repeat).config();
      assertThat(again.toJson()).as(flags).isEqualTo(config.toJson());
    }
  }

  private static TestCommand parse(String... args) {
    picocli.CommandLine cli = new picocli.CommandLine(new TestCommand());
    cli.parseArgs(args);
    return cli.getCommand();
  }

  @Test
  void analyzeOfAMissingFolderIsAOneLineError() {
    String[] r = run("analyze", "/nonexistent/run");
    assertThat(r[0]).isEqualTo("3");
    assertThat(r[1].strip()).isEqualTo("faultline analyze: /nonexistent/run: no such run folder");
  }
}
