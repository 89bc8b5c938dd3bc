package io.faultline.api;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link TestResult}; every failure message ends with the evidence and the report. */
public final class TestResultAssert extends AbstractAssert<TestResultAssert, TestResult> {

  TestResultAssert(TestResult actual) {
    super(actual, TestResultAssert.class);
  }

  /** Every checker said valid. */
  public TestResultAssert isValid() {
    return hasVerdict(Verdict.VALID);
  }

  /** At least one checker found an anomaly. */
  public TestResultAssert isInvalid() {
    return hasVerdict(Verdict.INVALID);
  }

  public TestResultAssert isUnknown() {
    return hasVerdict(Verdict.UNKNOWN);
  }

  public TestResultAssert hasVerdict(Verdict expected) {
    isNotNull();
    if (actual.verdict() != expected) {
      failWithMessage("%nExpected run %s to be %s but it was %s.%s", actual.name(), expected, actual.verdict(),
          context());
    }
    return this;
  }

  /** Some checker named this anomaly ({@code nonlinearizable}, {@code G-single}, {@code G1c}, ...). */
  public TestResultAssert hasAnomaly(String name) {
    isNotNull();
    if (!actual.anomalies().contains(name)) {
      failWithMessage("%nExpected run %s to show anomaly %s but its anomalies were %s.%s", actual.name(), name,
          actual.anomalies(), context());
    }
    return this;
  }

  /** No checker named this anomaly. */
  public TestResultAssert doesNotHaveAnomaly(String name) {
    isNotNull();
    if (actual.anomalies().contains(name)) {
      failWithMessage("%nExpected run %s not to show anomaly %s, but it did.%s", actual.name(), name, context());
    }
    return this;
  }

  /** The checker with this name said valid ({@code true}) or invalid ({@code false}). */
  public TestResultAssert hasCheckerResult(String checker, boolean valid) {
    isNotNull();
    CheckResult r = actual.checkers().get(checker);
    if (r == null) {
      failWithMessage("%nRun %s has no checker named %s (checkers: %s).%nreport: %s", actual.name(), checker,
          actual.checkers().keySet(), actual.report());
    }
    Verdict want = valid ? Verdict.VALID : Verdict.INVALID;
    if (r.verdict() != want) {
      failWithMessage("%nExpected checker %s of run %s to be %s but it was %s.%s", checker, actual.name(), want,
          r.verdict(), context());
    }
    return this;
  }

  /** Each checker's verdict with its evidence, the report and the command that repeats the run. */
  private String context() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, CheckResult> e : actual.checkers().entrySet()) {
      String evidence = Evidence.describe(e.getValue());
      sb.append("\n  ").append(e.getKey()).append(": ").append(e.getValue().verdict());
      if (!evidence.isEmpty()) {
        sb.append("\n    ").append(evidence.replace("\n", "\n    "));
      }
    }
    sb.append("\nreport: ").append(actual.report());
    sb.append("\nrepeat: ").append(actual.command());
    return sb.toString();
  }
}
