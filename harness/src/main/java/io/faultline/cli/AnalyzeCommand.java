package io.faultline.cli;

import io.faultline.checker.CheckResult;
import io.faultline.checker.history.HistoryFormatException;
import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.Op;
import io.faultline.run.RunOutcome;
import io.faultline.run.TestRunner;
import io.faultline.workload.Workload;
import io.faultline.workload.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline analyze RUN_DIR}: re-checks a stored run and rewrites results.json and the report. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Re-check a stored run and rewrite its results and report.")
public final class AnalyzeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder (results/<test>/<time>) or results/latest")
  Path runDir;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    Path dir = runDir.toAbsolutePath().normalize();
    try {
      dir = dir.toRealPath(); // results/latest is a link; the report's parent folders must be real
    } catch (IOException e) {
      err.println("faultline analyze: " + runDir + ": no such run folder");
      return Main.EXIT_HARNESS_FAILED;
    }
    Path testJson = dir.resolve("test.json");
    Path history = dir.resolve("history.jsonl");
    for (Path p : List.of(testJson, history)) {
      if (!Files.isRegularFile(p)) {
        err.println("faultline analyze: " + p + ": not found (is " + runDir + " a run folder?)");
        return Main.EXIT_HARNESS_FAILED;
      }
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> config = JsonValues.mapper().readValue(testJson.toFile(), Map.class);
      Object name = config.get("workload");
      Workload workload = name instanceof String s ? Workloads.byName(s).orElse(null) : null;
      if (workload == null) {
        err.println("faultline analyze: " + testJson + ": field \"workload\" is " + name + " (allowed: "
            + String.join(", ", Workloads.names()) + ")");
        return Main.EXIT_HARNESS_FAILED;
      }
      List<Op> ops = JsonlHistoryReader.read(history).ops();
      RunOutcome outcome = TestRunner.analyze(dir, config, workload, ops);
      var out = spec.commandLine().getOut();
      out.println("verdict: " + outcome.judgement().verdict().name());
      for (Map.Entry<String, CheckResult> e : outcome.judgement().results().entrySet()) {
        out.println("  " + e.getKey() + ": " + e.getValue().verdict().toJson() + Evidence.brief(e.getValue()));
      }
      out.println("report: " + dir.resolve("index.html"));
      return outcome.judgement().verdict().exitCode();
    } catch (HistoryFormatException e) {
      err.println("faultline analyze: " + e.getMessage());
      return Main.EXIT_HARNESS_FAILED;
    } catch (IOException e) {
      err.println("faultline analyze: cannot read " + dir + ": " + e.getMessage());
      return Main.EXIT_HARNESS_FAILED;
    }
  }
}
