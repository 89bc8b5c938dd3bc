package io.faultline.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.Op;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Short versions of the harness README's positive-control table: each deliberate Raft bug (and
 * the deliberately stale read mode) is caught by the nemesis and seed the table names, against
 * real node processes. The false-positive controls run the same schedules without the bug.
 * commit-old-term needs whole minutes (see its test).
 */
class PositiveControlsIT {

  @Test
  void aLeaderServingStaleReadsIsCaughtAndTheSameScheduleWithoutTheBugIsValid() throws Exception {
    List<String> schedule = List.of("--nemesis", "partition", "--nemesis-interval", "5", "--seed", "8", "--time-limit", "20");
    ItSupport.CliRun clean = run("raft-clean", schedule);
    assertThat(clean.exitCode()).as(clean.out()).isEqualTo(0);
    // The protocol checks ran too (Raft reports the terms it led) and found nothing.
    assertThat(clean.out()).contains("election-safety: true").contains("node-crashes: true");

    ItSupport.CliRun buggy = run("raft-stale-leader-reads", concat(schedule, "--bug", "stale-leader-reads"));
    assertThat(buggy.exitCode()).as(buggy.out()).isEqualTo(1);
    assertThat(buggy.out()).contains("linearizable: false");
  }

  @Test
  void skippedFsyncIsCaughtWhenEveryNodeCrashesAtOnce() throws Exception {
    Path results = ItSupport.resultsDir("raft-skip-fsync");
    // Seed 12 crashes all three nodes at once at 9 s and at 21 s (and two of them at 15 s): one
    // power loss loses whatever each node's buffer held since its last write, which can be almost
    // nothing, so two make the control certain rather than likely. What the loss shows as varies
    // with timing: acknowledged writes missing from the history (linearizable), replicas that
    // applied different entries at one index after the survivors overwrote the lost ones
    // (replica-agreement; one CI run had only this, with a node halting on the conflict), or a
    // node's term or vote going back (durable-state). Any of them is the bug caught.
    ItSupport.CliRun buggy = run("raft-skip-fsync", List.of("--bug", "skip-fsync", "--nodes", "3",
        "--nemesis", "kill", "--nemesis-interval", "3", "--seed", "12", "--time-limit", "24"));
    assertThat(buggy.exitCode()).as(buggy.out()).isEqualTo(1);
    assertThat(buggy.out()).containsAnyOf("linearizable: false", "replica-agreement: false", "durable-state: false");
    List<Op> history = JsonlHistoryReader.read(results.resolve("latest").toRealPath().resolve("history.jsonl")).ops();
    assertThat(history.stream().filter(op -> op.isNemesis() && op.f().equals("kill")
        && String.valueOf(op.value()).contains("all")).count()).as("power losses in seed 12's schedule").isEqualTo(2);
  }

  @Test
  void twoLeadersOfOneTermAreCaughtWhenAMajoritysClocksJumpTogether() throws Exception {
    // Clock faults on a majority, whose clocks the harness sets together: when the leader is among
    // them, each forward jump makes it step down and fires the others' election timers in the
    // same instant, so several candidates campaign in one term and the double-voting rest elect
    // more than one. The history rarely shows it; the nodes' own lists of the terms they led do.
    // Still a race (the leader is in the jumped majority three times in five): 15 of 17 runs of
    // 20 s caught it (seeds 1-13, four of them again with one core kept busy; misses: 3 and 7),
    // so up to six seeded runs in turn, until one catches it — usually the first.
    List<String> majorityClocks = List.of("--nemesis", "clock", "--nemesis-targets", "majority",
        "--nemesis-interval", "1", "--time-limit", "20");
    List<String> seeds = List.of("6", "10", "13", "8", "12", "11");
    ItSupport.CliRun caught = firstCaught(PositiveControlsIT::run, "raft-double-vote", seeds,
        concat(majorityClocks, "--bug", "double-vote"));
    assertThat(caught.out()).contains("election-safety: false").contains("two-leaders-in-one-term");

    // The same schedule without the bug: one leader per term, however the clocks jump.
    ItSupport.CliRun clean = run("raft-majority-clocks-clean", concat(majorityClocks, "--seed", "6"));
    assertThat(clean.exitCode()).as(clean.out()).isEqualTo(0);
    assertThat(clean.out()).contains("election-safety: true");
  }

  @Test
  void aLeaderThatCommitsAnEarlierTermsEntryByCountingLosesItAndTheFollowersHalt() throws Exception {
    // Raft's Figure 8 needs three leaderships in a row with no calm between them: a flapping
    // partition isolates each new leader in turn. A cut-off leader appends a write nobody else
    // gets; the next one (cut off in its turn) appends its own at the same index; the first, back
    // in office, copies its entry to the third node and commits it by counting; then the second
    // wins and overwrites it, and the nodes that had committed it halt ("safety violation"),
    // which node-crashes reports. The low rate leaves the cut-off leaders a write each and the
    // majority none in between. Still a race: a minute run standalone catches it about half the
    // time (8 of 15: seeds 1-8 and 3 again, 5 of 9; 2026-11-28 seeds 2, 4, 6, 7, 3, 8, 3 of 6),
    // but in CI builds about one in four (4 of 15 inside this test JVM over four builds; 3 of 10
    // in processes of their own over three; 30 s runs: 0 of 4). Why CI is slower to catch it is
    // not known. Up to sixteen seeded runs go in turn until one catches it (all sixteen missing
    // at the CI rate: about 1 in 150; it usually takes three or four).
    List<String> flapping = List.of("--nodes", "3", "--nemesis", "partition", "--partition-shapes", "isolate-leader",
        "--partition-flap", "--nemesis-interval", "1.2", "--rate", "8", "--time-limit", "60");
    List<String> seeds = List.of("6", "7", "3", "2", "4", "8", "1", "5", "9", "10", "11", "12", "13", "14", "15", "16");
    // Each run a faultline process of its own, as a user runs it, with a fresh harness JVM.
    ItSupport.CliRun caught = firstCaught(PositiveControlsIT::runInOwnProcess, "raft-commit-old-term", seeds,
        concat(flapping, "--bug", "commit-old-term"));
    assertThat(caught.out()).contains("node-crashes: false").contains("safety violation");

    // The same schedule without the bug: every leader's log holds every committed entry.
    ItSupport.CliRun clean = runInOwnProcess("raft-flap-clean", concat(flapping, "--seed", "3"));
    assertThat(clean.exitCode()).as(clean.out()).isEqualTo(0);
    assertThat(clean.out()).contains("node-crashes: true").contains("election-safety: true");
  }

  @Test
  void localReadsInTransactionsShowAsRealTimeAnomalies() throws Exception {
    ItSupport.CliRun buggy = run("raft-local-list-append", List.of("--read-mode", "local", "--workload", "list-append",
        "--nemesis", "partition", "--nemesis-interval", "5", "--seed", "1", "--time-limit", "20"));
    assertThat(buggy.exitCode()).as(buggy.out()).isEqualTo(1);
    assertThat(buggy.out()).contains("list-append: false").contains("-realtime");
  }

  /**
   * Runs {@code flags} with each seed in turn until one run finds the bug (exit 1) and returns
   * it; a run that errs (exit 2 or more) fails the test at once, and so do seeds that all pass,
   * with every run's output in the message.
   */
  private static ItSupport.CliRun firstCaught(Runner runner, String name, List<String> seeds, List<String> flags)
      throws Exception {
    StringBuilder outputs = new StringBuilder();
    for (String seed : seeds) {
      ItSupport.CliRun buggy = runner.run(name + "-" + seed, concat(flags, "--seed", seed));
      outputs.append("seed ").append(seed).append(":\n").append(buggy.out()).append('\n');
      assertThat(buggy.exitCode()).as(buggy.out()).isIn(0, 1);
      if (buggy.exitCode() == 1) {
        return buggy;
      }
    }
    throw new AssertionError(name + " caught in none of " + seeds.size() + " runs:\n" + outputs);
  }

  private interface Runner {
    ItSupport.CliRun run(String name, List<String> flags) throws Exception;
  }

  private static ItSupport.CliRun run(String name, List<String> flags) throws Exception {
    return ItSupport.cli(args(name, flags));
  }

  private static ItSupport.CliRun runInOwnProcess(String name, List<String> flags) throws Exception {
    return ItSupport.cliProcess(args(name, flags));
  }

  private static String[] args(String name, List<String> flags) throws Exception {
    List<String> args = new ArrayList<>(List.of("test", "--system", "raft", "--recovery", "2",
        "--results-dir", ItSupport.resultsDir(name).toString()));
    if (!flags.contains("--rate")) {
      args.addAll(List.of("--rate", "200"));
    }
    args.addAll(flags);
    return args.toArray(String[]::new);
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }
}
