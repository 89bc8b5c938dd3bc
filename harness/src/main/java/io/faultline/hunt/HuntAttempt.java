package io.faultline.hunt;

import io.faultline.checker.Verdict;
import io.faultline.run.RunOutcome;
import io.faultline.run.TestConfig;
import java.time.Duration;

/**
 * One run of a hunt: the package it drew its nemesis from ({@code custom} when the user fixed the
 * nemesis), its exact configuration (whose {@link TestConfig#command()} repeats it), and how it ended.
 */
public record HuntAttempt(int number, String packageName, TestConfig config, RunOutcome outcome, Duration elapsed) {

  public Verdict verdict() {
    return outcome.judgement().verdict();
  }
}
