package io.faultline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.faultline.checker.CheckResult;
import io.faultline.checker.history.History;
import io.faultline.checker.history.HistoryFormatException;
import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.Pairing;
import io.faultline.checker.history.TimeReversal;
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

/**
 * {@code faultline analyze RUN_DIR}: re-checks a stored run and rewrites results.json and the report.
 * A history or test.json it cannot fully read is exit 3 with {@code file:line: what}, and the run
 * folder is left as it was.
 */
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
      Map<String, Object> config = readConfig(testJson);
      Object name = config.get("workload");
      Workload workload = name instanceof String s ? Workloads.byName(s).orElse(null) : null;
      if (workload == null) {
        err.println("faultline analyze: " + testJson + ": field \"workload\" is " + name + " (allowed: "
            + String.join(", ", Workloads.names()) + ")");
        return Main.EXIT_HARNESS_FAILED;
      }
      // Everything the checkers would trip over is refused here, before anything in the run folder
      // is rewritten: a malformed history is exit 3 with file:line, never a checker's "unknown".
      History read = JsonlHistoryReader.read(history);
      Pairing.validate(read);
      TimeReversal.find(read).ifPresent(r -> err.println("faultline analyze: warning: " + r.message()));
      RunOutcome outcome = TestRunner.analyze(dir, config, workload, read.ops());
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

  /** test.json as one JSON object and nothing after it. */
  private static Map<String, Object> readConfig(Path testJson) throws HistoryFormatException, IOException {
    try {
      return JsonValues.mapper().readerFor(new TypeReference<Map<String, Object>>() {})
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(testJson.toFile());
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new HistoryFormatException(testJson, line, "not a valid JSON object: " + e.getOriginalMessage());
    }
  }
}
