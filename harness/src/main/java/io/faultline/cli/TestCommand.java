package io.faultline.cli;

import io.faultline.api.TestResult;
import io.faultline.checker.Verdict;
import io.faultline.junit.JunitRun;
import io.faultline.run.RunOutcome;
import io.faultline.run.TestConfig;
import io.faultline.run.TestRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code faultline test}: runs one test and exits 0 valid, 1 invalid, 2 unknown, 3 when the harness
 * itself failed. With no flags: a one-minute Raft test over five local nodes with partitions and
 * clock skew.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Run a chaos test: start a cluster, drive clients, inject faults, check, report.")
public final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TestOptions options;

  @Option(names = "--test-count", defaultValue = "1",
      description = "run the test up to N times, stopping at the first run that is not valid; each run draws its own "
          + "seed unless --seed is given, which every run then repeats (default ${DEFAULT-VALUE})")
  int testCount;

  @Override
  public Integer call() throws Exception {
    TestConfig first = config();
    TestRunner runner = options.runner();
    List<JunitRun> junitRuns = new ArrayList<>();
    Verdict verdict = Verdict.VALID;
    int runs = 0;
    TestConfig config = first;
    while (runs < testCount && verdict == Verdict.VALID) {
      if (runs > 0) {
        config = first.withSeed(options.seed != null ? options.seed : TestOptions.randomSeed());
      }
      runs++;
      if (testCount > 1) {
        System.err.println("faultline: run " + runs + " of " + testCount + ": " + config.command());
      }
      long start = System.nanoTime();
      RunOutcome outcome;
      try {
        outcome = runner.run(config);
      } catch (Exception e) {
        junitRuns.add(new JunitRun.HarnessError(config.testName(), "harness failed: " + e.getMessage(),
            Duration.ofNanos(System.nanoTime() - start)));
        options.writeJunit(junitRuns);
        throw e;
      }
      options.printSummary(outcome);
      verdict = outcome.judgement().verdict();
      junitRuns.add(new JunitRun.Checked(new TestResult(config.testName(), verdict, outcome.judgement().results(),
          outcome.runDir(), config.command(), Duration.ofNanos(System.nanoTime() - start))));
    }
    if (testCount > 1) {
      spec.commandLine().getOut().println(verdict == Verdict.VALID
          ? "test-count: " + runs + " of " + runs + " runs valid"
          : "test-count: stopped at run " + runs + " of " + testCount + " (" + verdict.name() + ", after "
              + (runs - 1) + " valid); repeat it with: " + config.command());
    }
    options.writeJunit(junitRuns);
    return verdict.exitCode();
  }

  /** The first run's configuration; a bad flag is a {@link ParameterException} naming it. */
  TestConfig config() {
    if (testCount < 1) {
      throw new ParameterException(spec.commandLine(), "--test-count: must be >= 1, was " + testCount);
    }
    return options.config();
  }
}
