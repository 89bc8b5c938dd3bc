package io.faultline.run;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a workload's checkers over a history, composing their verdicts; a checker that throws (a
 * bug, or memory exhaustion) answers unknown with the reason instead of ending the run, so the
 * other checkers' findings and the report survive.
 */
public final class CheckRun {
  private CheckRun() {}

  public static Judgement judge(List<Checker> checkers, List<Op> history) {
    Map<String, CheckResult> results = new LinkedHashMap<>();
    Verdict verdict = Verdict.VALID;
    for (Checker checker : checkers) {
      CheckResult r;
      try {
        r = checker.check(history);
      } catch (RuntimeException | OutOfMemoryError e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        r = new CheckResult(Verdict.UNKNOWN, d);
      }
      results.put(checker.name(), r);
      verdict = verdict.and(r.verdict());
    }
    return new Judgement(verdict, results);
  }

  public static void writeResults(Path runDir, Judgement judgement) throws IOException {
    Files.write(runDir.resolve("results.json"),
        JsonValues.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(judgement.toJson()));
  }
}
