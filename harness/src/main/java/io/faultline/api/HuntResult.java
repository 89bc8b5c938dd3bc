package io.faultline.api;

import io.faultline.checker.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link TestBuilder#hunt} found: every attempt's result in order, the wall time spent, and
 * the hunt's seed. A hunt stops at its first invalid attempt, which is then the last.
 */
public record HuntResult(List<TestResult> attempts, Duration elapsed, long huntSeed) {

  public HuntResult {
    attempts = List.copyOf(attempts);
  }

  /** The invalid attempt, if the hunt found one: its {@link TestResult#command()} repeats it. */
  public Optional<TestResult> finding() {
    return attempts.stream().filter(a -> a.verdict() == Verdict.INVALID).findFirst();
  }

  /** Invalid when something was found; else unknown when any attempt could not be decided; else valid. */
  public Verdict verdict() {
    if (finding().isPresent()) {
      return Verdict.INVALID;
    }
    return attempts.stream().anyMatch(a -> a.verdict() == Verdict.UNKNOWN) ? Verdict.UNKNOWN : Verdict.VALID;
  }
}
