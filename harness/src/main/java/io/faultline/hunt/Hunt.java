package io.faultline.hunt;

import io.faultline.checker.Verdict;
import io.faultline.run.RunOutcome;
import io.faultline.run.TestConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Hunting: runs attempt after attempt, each with a fresh seed and the next nemesis package in
 * rotation, until one is invalid or the time budget is spent. The hunt's own seed draws every
 * attempt's seed, so a hunt repeated with the same seed and flags runs the same attempts (what the
 * system does under them may still vary with timing; each attempt prints the command that repeats
 * exactly it).
 *
 * <p>The budget bounds the whole hunt, overheads included: an attempt's time limit is shortened to
 * what is left after the overhead the attempts so far needed beyond their time limit (start-up,
 * recovery, final reads, checking), and no attempt starts with less than {@link #MIN_ATTEMPT_MILLIS}
 * of client time left. An unknown attempt is noted and the hunt goes on; only an invalid one stops it.
 */
public final class Hunt {
  /** The shortest attempt worth starting: long enough for a fault, its heal and some operations. */
  static final long MIN_ATTEMPT_MILLIS = 5_000;
  /** The overhead assumed before any attempt has been measured. */
  static final long FIRST_OVERHEAD_GUESS_MILLIS = 15_000;

  /** Runs one attempt's test; a failure of the harness itself ends the hunt. */
  @FunctionalInterface
  public interface Runner {
    RunOutcome run(TestConfig config) throws Exception;
  }

  private final TestConfig base;
  private final List<NemesisPackage> packages;
  private final long budgetMillis;
  private final long huntSeed;
  private final LongSupplier nanoClock;
  private final Consumer<String> progress;

  /**
   * @param base the test every attempt runs (its seed is replaced; its nemesis too, unless
   *     {@code packages} is empty, in which case every attempt keeps the base's nemesis)
   * @param packages the packages to rotate through, in order; empty to keep the base's nemesis
   * @param nanoClock the clock the budget is measured on ({@link System#nanoTime} outside tests)
   * @param progress receives one line per attempt started and ended
   */
  public Hunt(TestConfig base, List<NemesisPackage> packages, Duration budget, long huntSeed, LongSupplier nanoClock,
      Consumer<String> progress) {
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("hunt budget must be positive, was " + budget);
    }
    this.base = base;
    this.packages = List.copyOf(packages);
    this.budgetMillis = budget.toMillis();
    this.huntSeed = huntSeed;
    this.nanoClock = nanoClock;
    this.progress = progress;
  }

  public HuntOutcome run(Runner runner) throws Exception {
    SplittableRandom seeds = new SplittableRandom(huntSeed);
    List<HuntAttempt> attempts = new ArrayList<>();
    long start = nanoClock.getAsLong();
    long overheadMillis = FIRST_OVERHEAD_GUESS_MILLIS; // replaced by the largest measured once there is one
    while (true) {
      long leftMillis = budgetMillis - millisSince(start);
      long timeLimit = Math.min(base.timeLimitMillis(), leftMillis - overheadMillis);
      if (timeLimit < Math.min(MIN_ATTEMPT_MILLIS, base.timeLimitMillis())) {
        break;
      }
      int number = attempts.size() + 1;
      NemesisPackage pkg = packages.isEmpty() ? null : packages.get((number - 1) % packages.size());
      TestConfig config = (pkg == null ? base : pkg.applyTo(base))
          .withSeed(seeds.nextLong() & 0xFFFF_FFFFL)
          .withTimeLimit(timeLimit);
      String name = pkg == null ? "custom" : pkg.name();
      progress.accept("hunt: attempt " + number + " (" + name + "): " + config.command());
      long attemptStart = nanoClock.getAsLong();
      RunOutcome outcome = runner.run(config);
      long elapsedMillis = millisSince(attemptStart);
      HuntAttempt attempt = new HuntAttempt(number, name, config, outcome, Duration.ofMillis(elapsedMillis));
      attempts.add(attempt);
      long overhead = Math.max(0, elapsedMillis - timeLimit);
      overheadMillis = number == 1 ? overhead : Math.max(overheadMillis, overhead);
      progress.accept("hunt: attempt " + number + " (" + name + "): " + attempt.verdict().name() + " after "
          + seconds(elapsedMillis) + ", " + seconds(millisSince(start)) + " of " + seconds(budgetMillis) + " spent");
      if (attempt.verdict() == Verdict.INVALID) {
        break;
      }
    }
    return new HuntOutcome(attempts, Duration.ofMillis(millisSince(start)), huntSeed);
  }

  private long millisSince(long startNanos) {
    return (nanoClock.getAsLong() - startNanos) / 1_000_000;
  }

  static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.0f s", millis / 1000.0);
  }
}
