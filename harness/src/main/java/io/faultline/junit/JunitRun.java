package io.faultline.junit;

import io.faultline.api.TestResult;
import java.time.Duration;

/** One run as JUnit XML sees it: checked (each checker a test case) or a harness error (no verdict). */
public sealed interface JunitRun {

  String name();

  /** A run that reached a verdict. */
  record Checked(TestResult result) implements JunitRun {
    @Override
    public String name() {
      return result.name();
    }
  }

  /** The harness failed before a verdict: {@code message} says why. */
  record HarnessError(String name, String message, Duration elapsed) implements JunitRun {}
}
