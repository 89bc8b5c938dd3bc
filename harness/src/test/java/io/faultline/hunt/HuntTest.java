package io.faultline.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.nemesis.NemesisKind;
import io.faultline.run.Judgement;
import io.faultline.run.RunOutcome;
import io.faultline.run.TestConfig;
import io.faultline.workload.ValueMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The hunt's loop on a scripted runner and a clock the runner advances: which attempts it starts,
 * with which package, seed and time limit, and where it stops.
 */
class HuntTest {
  private final AtomicLong nanos = new AtomicLong();
  private final List<String> lines = new ArrayList<>();

  private static TestConfig base(long timeLimitMillis) {
    return new TestConfig("raft", "local", 5, "cas-register", ValueMode.UNIQUE, EnumSet.of(NemesisKind.PARTITION),
        10_000, List.of(), false, List.of(), timeLimitMillis, 10, 200, 1, null, null, List.of(1000, 8000), 5_000,
        Path.of("results"), Path.of("kv-node.jar"));
  }

  /** A runner that takes the attempt's time limit plus {@code overheadMillis}, ending with the verdicts given. */
  private final class Scripted implements Hunt.Runner {
    final Deque<Verdict> verdicts;
    final long overheadMillis;
    final List<TestConfig> seen = new ArrayList<>();

    Scripted(long overheadMillis, Verdict... verdicts) {
      this.overheadMillis = overheadMillis;
      this.verdicts = new ArrayDeque<>(List.of(verdicts));
    }

    @Override
    public RunOutcome run(TestConfig config) {
      seen.add(config);
      nanos.addAndGet((config.timeLimitMillis() + overheadMillis) * 1_000_000);
      Verdict v = verdicts.isEmpty() ? Verdict.VALID : verdicts.poll();
      return new RunOutcome(Path.of("run-" + seen.size()),
          new Judgement(v, Map.of("linearizable", new CheckResult(v, Map.of()))));
    }
  }

  private Hunt hunt(TestConfig base, List<NemesisPackage> packages, Duration budget, long seed) {
    return new Hunt(base, packages, budget, seed, nanos::get, lines::add);
  }

  @Test
  void rotatesPackagesWithFreshSeedsAndStopsAtTheFirstInvalidAttempt() throws Exception {
    Scripted runner = new Scripted(10_000, Verdict.VALID, Verdict.UNKNOWN, Verdict.VALID, Verdict.VALID, Verdict.INVALID);
    HuntOutcome outcome = hunt(base(30_000), NemesisPackages.ALL, Duration.ofMinutes(30), 42).run(runner);

    assertThat(outcome.attempts()).hasSize(5);
    assertThat(outcome.attempts().stream().map(HuntAttempt::packageName))
        .containsExactly("leaders", "crashes", "partitions", "flapping", "clocks");
    assertThat(runner.seen.get(3).partitionFlap()).isTrue();
    assertThat(runner.seen.get(3).partitionShapes()).containsExactly("isolate-leader", "leader-minority");
    assertThat(runner.seen.get(1).nemeses()).containsExactlyInAnyOrder(NemesisKind.KILL, NemesisKind.PAUSE);
    assertThat(runner.seen.get(1).nemesisIntervalMillis()).isEqualTo(3_000);
    assertThat(runner.seen.stream().map(TestConfig::seed).distinct()).as("a fresh seed each attempt").hasSize(5);
    assertThat(outcome.finding()).map(HuntAttempt::number).contains(5);
    assertThat(outcome.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(outcome.count(Verdict.UNKNOWN)).isEqualTo(1);
    assertThat(lines).anyMatch(l -> l.startsWith("hunt: attempt 5 (clocks): ./faultline test")
        && l.contains("--nemesis partition,clock") && l.contains("--nemesis-targets minority,majority,leader"));
  }

  @Test
  void theHuntSeedDrawsTheSameAttemptsAgain() throws Exception {
    Scripted first = new Scripted(5_000);
    hunt(base(20_000), NemesisPackages.ALL, Duration.ofMinutes(3), 7).run(first);
    Scripted second = new Scripted(5_000);
    hunt(base(20_000), NemesisPackages.ALL, Duration.ofMinutes(3), 7).run(second);
    Scripted other = new Scripted(5_000);
    hunt(base(20_000), NemesisPackages.ALL, Duration.ofMinutes(3), 8).run(other);

    assertThat(second.seen.stream().map(TestConfig::command).toList())
        .isEqualTo(first.seen.stream().map(TestConfig::command).toList());
    assertThat(other.seen.get(0).seed()).isNotEqualTo(first.seen.get(0).seed());
  }

  @Test
  void theBudgetBoundsTheWholeHuntOverheadIncluded() throws Exception {
    // 100 s budget, 30 s attempts, 12 s overhead each: 42 s, 42 s, then 16 s left = 4 s of client time after
    // the measured overhead, under the 5 s minimum: two attempts.
    Scripted runner = new Scripted(12_000);
    HuntOutcome outcome = hunt(base(30_000), NemesisPackages.ALL, Duration.ofSeconds(100), 1).run(runner);
    assertThat(outcome.attempts()).hasSize(2);
    assertThat(outcome.verdict()).isEqualTo(Verdict.VALID);
    assertThat(outcome.elapsed()).isLessThanOrEqualTo(Duration.ofSeconds(100));

    // 110 s: the third attempt is shortened to what is left after the overhead (110 - 84 - 12 = 14 s).
    nanos.set(0);
    Scripted shortened = new Scripted(12_000);
    HuntOutcome three = hunt(base(30_000), NemesisPackages.ALL, Duration.ofSeconds(110), 1).run(shortened);
    assertThat(three.attempts()).hasSize(3);
    assertThat(shortened.seen.get(2).timeLimitMillis()).isEqualTo(14_000);
    assertThat(three.elapsed()).isLessThanOrEqualTo(Duration.ofSeconds(110));
  }

  @Test
  void withoutPackagesEveryAttemptKeepsTheGivenNemesis() throws Exception {
    Scripted runner = new Scripted(1_000, Verdict.VALID, Verdict.INVALID);
    HuntOutcome outcome = hunt(base(10_000), List.of(), Duration.ofMinutes(5), 3).run(runner);
    assertThat(outcome.attempts()).extracting(HuntAttempt::packageName).containsExactly("custom", "custom");
    assertThat(runner.seen).allSatisfy(c -> {
      assertThat(c.nemeses()).containsExactly(NemesisKind.PARTITION);
      assertThat(c.nemesisIntervalMillis()).isEqualTo(10_000);
    });
  }

  @Test
  void aHarnessFailureEndsTheHuntAsAFailure() {
    Hunt.Runner failing = config -> {
      throw new java.io.IOException("port 8080 in use");
    };
    assertThatThrownBy(() -> hunt(base(10_000), NemesisPackages.ALL, Duration.ofMinutes(1), 1).run(failing))
        .hasMessage("port 8080 in use");
  }

  @Test
  void packagesAreParsedByNameAndBadNamesAreNamed() {
    assertThat(NemesisPackages.parse(List.of("crashes", " leaders"))).extracting(NemesisPackage::name)
        .containsExactly("crashes", "leaders");
    assertThatThrownBy(() -> NemesisPackages.parse(List.of("crashes", "floods")))
        .hasMessage("unknown package 'floods' (allowed: leaders, crashes, partitions, flapping, clocks, mixed)");
    assertThatThrownBy(() -> NemesisPackages.parse(List.of("crashes", "crashes"))).hasMessageContaining("twice");
    assertThatThrownBy(() -> new Hunt(base(1), List.of(), Duration.ZERO, 1, nanos::get, lines::add))
        .hasMessageContaining("positive");
  }
}
