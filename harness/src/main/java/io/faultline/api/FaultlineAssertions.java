package io.faultline.api;

/**
 * AssertJ entry point: {@code FaultlineAssertions.assertThat(result).isValid()}. Failure messages
 * quote the checkers' evidence and the report path, so a red build says what went wrong.
 */
public final class FaultlineAssertions {
  private FaultlineAssertions() {}

  public static TestResultAssert assertThat(TestResult actual) {
    return new TestResultAssert(actual);
  }
}
