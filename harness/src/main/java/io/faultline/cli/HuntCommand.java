package io.faultline.cli;

import io.faultline.api.TestResult;
import io.faultline.checker.Verdict;
import io.faultline.hunt.Hunt;
import io.faultline.hunt.HuntAttempt;
import io.faultline.hunt.HuntOutcome;
import io.faultline.hunt.NemesisPackage;
import io.faultline.hunt.NemesisPackages;
import io.faultline.junit.JunitRun;
import io.faultline.run.TestConfig;
import io.faultline.run.TestRunner;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code faultline hunt}: runs test after test with fresh seeds, rotating through the nemesis
 * packages, until one is invalid or the time budget is spent; prints the command that repeats the
 * finding. Exits 1 when it found something, 2 when nothing was found but an attempt could not be
 * decided, 0 when every attempt was valid, 3 when the harness failed.
 */
@Command(name = "hunt", mixinStandardHelpOptions = true,
    description = "Hunt for a bug: run tests with fresh seeds and rotating nemesis packages until one fails "
        + "or the time budget is spent.",
    footer = {"", "In a hunt, --time-limit is each attempt's and defaults to 30; --seed is the hunt's (it draws every "
        + "attempt's seed); the nemesis rotates through --packages unless --nemesis, --nemesis-interval, "
        + "--partition-shapes, --partition-flap or --nemesis-targets fix it (their defaults above are the test command's)."})
public final class HuntCommand implements Callable<Integer> {
  /** A hunt's attempts are shorter than a test's default minute: more seeds and packages per budget. */
  static final double DEFAULT_ATTEMPT_SECONDS = 30;
  /** The flags that fix the nemesis; with any of them the hunt keeps it instead of rotating packages. */
  private static final List<String> NEMESIS_FLAGS =
      List.of("--nemesis", "--nemesis-interval", "--partition-shapes", "--partition-flap", "--nemesis-targets");

  @Spec CommandSpec spec;

  @Mixin TestOptions options;

  @Option(names = "--time-budget", defaultValue = "300",
      description = "seconds the whole hunt may take, start-up and checking included (default ${DEFAULT-VALUE})")
  double timeBudget;

  @Option(names = "--packages", split = ",",
      description = "the nemesis packages to rotate through, in order (default: all: ${COMPLETION-CANDIDATES})",
      completionCandidates = PackageNames.class)
  List<String> packageNames = List.of();

  @Override
  public Integer call() throws Exception {
    List<NemesisPackage> packages = packages();
    TestConfig base = options.config();
    if (!options.given("--time-limit")) {
      base = base.withTimeLimit((long) (DEFAULT_ATTEMPT_SECONDS * 1000));
    }
    if (!(timeBudget >= 1) || !(timeBudget <= TestConfig.MAX_SECONDS)) {
      throw new ParameterException(spec.commandLine(), "--time-budget: must be between 1 and "
          + (long) TestConfig.MAX_SECONDS + " seconds (30 days), was " + timeBudget);
    }
    long huntSeed = options.seed != null ? options.seed : TestOptions.randomSeed();
    TestRunner runner = options.runner();
    Hunt hunt = new Hunt(base, packages, java.time.Duration.ofMillis((long) (timeBudget * 1000)), huntSeed,
        System::nanoTime, System.err::println);
    List<JunitRun> junitRuns = new ArrayList<>();
    HuntOutcome outcome;
    try {
      outcome = hunt.run(config -> {
        long start = System.nanoTime();
        var run = runner.run(config);
        junitRuns.add(new JunitRun.Checked(new TestResult(config.testName(), run.judgement().verdict(),
            run.judgement().results(), run.runDir(), config.command(),
            java.time.Duration.ofNanos(System.nanoTime() - start))));
        return run;
      });
    } finally {
      options.writeJunit(junitRuns);
    }
    report(outcome, base, packages);
    return outcome.verdict().exitCode();
  }

  private List<NemesisPackage> packages() {
    boolean nemesisFixed = NEMESIS_FLAGS.stream().anyMatch(options::given);
    if (nemesisFixed && !packageNames.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "--packages: a hunt either rotates packages or keeps the nemesis the flags give, not both");
    }
    if (nemesisFixed) {
      return List.of();
    }
    try {
      return packageNames.isEmpty() ? NemesisPackages.ALL : NemesisPackages.parse(packageNames);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--packages: " + e.getMessage());
    }
  }

  private void report(HuntOutcome outcome, TestConfig base, List<NemesisPackage> packages) {
    PrintWriter out = spec.commandLine().getOut();
    String tally = outcome.count(Verdict.VALID) + " valid and " + outcome.count(Verdict.UNKNOWN) + " unknown attempt(s)";
    if (outcome.finding().isPresent()) {
      HuntAttempt found = outcome.finding().get();
      options.printSummary(found.outcome());
      out.println("hunt: FOUND: attempt " + found.number() + " (" + found.packageName() + ") is INVALID after "
          + Math.round(outcome.elapsed().toMillis() / 1000.0) + " s of hunting (" + tally + " before it)");
      out.println("repeat it with: " + found.config().command());
    } else {
      for (HuntAttempt a : outcome.attempts()) {
        if (a.verdict() == Verdict.UNKNOWN) {
          out.println("hunt: attempt " + a.number() + " (" + a.packageName() + ") is UNKNOWN: "
              + a.outcome().runDir().resolve("index.html") + "; repeat it with: " + a.config().command());
        }
      }
      out.println("hunt: nothing found in " + Math.round(outcome.elapsed().toMillis() / 1000.0) + " s: " + tally);
    }
    out.println("repeat the hunt with: " + huntCommand(base, packages, outcome.huntSeed()));
  }

  /** The hunt's own command line: the base test's flags, the budget, the packages and the hunt seed. */
  String huntCommand(TestConfig base, List<NemesisPackage> packages, long huntSeed) {
    Set<String> dropped = Set.of("--seed");
    Set<String> droppedWithNemesis = Set.of("--nemesis", "--nemesis-interval", "--partition-shapes", "--nemesis-targets");
    String[] words = base.command().replaceFirst("^\\./faultline test ", "").split(" ");
    StringBuilder sb = new StringBuilder("./faultline hunt");
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      boolean takesValue = i + 1 < words.length && !words[i + 1].startsWith("--");
      boolean drop = dropped.contains(w) || (!packages.isEmpty()
          && (droppedWithNemesis.contains(w) || w.equals("--partition-flap")));
      if (!drop) {
        sb.append(' ').append(w);
        if (takesValue) {
          sb.append(' ').append(words[i + 1]);
        }
      }
      if (takesValue) {
        i++;
      }
    }
    sb.append(" --time-budget ").append(timeBudget == Math.rint(timeBudget) ? Long.toString((long) timeBudget)
        : Double.toString(timeBudget));
    if (!packages.isEmpty()) {
      sb.append(" --packages ").append(String.join(",", packages.stream().map(NemesisPackage::name).toList()));
    }
    return sb.append(" --seed ").append(huntSeed).toString();
  }

  /** The package names, for {@code --help}. */
  static final class PackageNames extends ArrayList<String> {
    PackageNames() {
      super(NemesisPackages.names());
    }
  }
}
