package io.faultline.hunt;

import io.faultline.checker.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a hunt ended: every attempt in order, the first invalid one if any (a hunt stops there), the
 * wall time spent, and the hunt's own seed (which, with the same flags, draws the same attempts).
 */
public record HuntOutcome(List<HuntAttempt> attempts, Duration elapsed, long huntSeed) {

  public HuntOutcome {
    attempts = List.copyOf(attempts);
  }

  /** The attempt that found a bug: the last one, when it is invalid. */
  public Optional<HuntAttempt> finding() {
    return attempts.stream().filter(a -> a.verdict() == Verdict.INVALID).findFirst();
  }

  /**
   * Invalid when something was found; otherwise unknown when any attempt could not be decided (a
   * hunt that could not check what it ran has not shown the system sound); valid when every
   * attempt was.
   */
  public Verdict verdict() {
    if (finding().isPresent()) {
      return Verdict.INVALID;
    }
    return attempts.stream().anyMatch(a -> a.verdict() == Verdict.UNKNOWN) ? Verdict.UNKNOWN : Verdict.VALID;
  }

  public long count(Verdict verdict) {
    return attempts.stream().filter(a -> a.verdict() == verdict).count();
  }
}
