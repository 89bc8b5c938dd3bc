package io.faultline.api;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.run.RunOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a finished run found: the composed verdict, each checker's result by name, the anomalies
 * named by the checkers, and where the run is stored.
 *
 * @param name the test's name ({@code <system>-<workload>-<nemeses>})
 * @param command the {@code ./faultline test ...} command line that repeats the run
 * @param elapsed wall time of the whole run
 */
public record TestResult(String name, Verdict verdict, Map<String, CheckResult> checkers, Path runDir,
    String command, Duration elapsed) {

  public TestResult {
    checkers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checkers));
  }

  static TestResult of(String name, String command, RunOutcome outcome, Duration elapsed) {
    return new TestResult(name, outcome.judgement().verdict(), outcome.judgement().results(), outcome.runDir(),
        command, elapsed);
  }

  public boolean isValid() {
    return verdict == Verdict.VALID;
  }

  /** The run's HTML report. */
  public Path report() {
    return runDir.resolve("index.html");
  }

  /** The result of the checker with this name, if the workload has one. */
  public Optional<CheckResult> checker(String name) {
    return Optional.ofNullable(checkers.get(name));
  }

  /** Every anomaly named by any checker, e.g. {@code nonlinearizable}, {@code G-single}, {@code G1c}. */
  public List<String> anomalies() {
    return checkers.values().stream().flatMap(r -> Evidence.anomalies(r).stream()).distinct().toList();
  }

  /** A short, human-readable account of why the checker with this name did not say valid; empty if it did. */
  public String evidence(String checker) {
    CheckResult r = checkers.get(checker);
    return r == null ? "" : Evidence.describe(r);
  }
}
