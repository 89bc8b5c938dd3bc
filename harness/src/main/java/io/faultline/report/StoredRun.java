package io.faultline.report;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.HistoryFormatException;
import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.Op;
import io.faultline.run.Judgement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run folder read back for re-rendering its report without re-checking: the configuration from
 * test.json, the history from history.jsonl and the judgement from results.json as stored.
 */
public final class StoredRun {
  private StoredRun() {}

  /** True when the folder has what a report is drawn from. */
  public static boolean isRun(Path dir) {
    return Files.isRegularFile(dir.resolve("results.json")) && Files.isRegularFile(dir.resolve("history.jsonl"))
        && Files.isRegularFile(dir.resolve("test.json"));
  }

  /** True when index.html is missing or older than results.json (e.g. after {@code analyze}). */
  public static boolean isStale(Path dir) throws IOException {
    Path index = dir.resolve("index.html");
    if (!Files.isRegularFile(index)) {
      return true;
    }
    FileTime report = Files.getLastModifiedTime(index);
    return report.compareTo(Files.getLastModifiedTime(dir.resolve("results.json"))) < 0;
  }

  /** Rewrites the run's report from its stored files. */
  public static void rerender(Path dir) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> test = JsonValues.mapper().readValue(dir.resolve("test.json").toFile(), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> results = JsonValues.mapper().readValue(dir.resolve("results.json").toFile(), Map.class);
    List<Op> history;
    try {
      history = JsonlHistoryReader.read(dir.resolve("history.jsonl")).ops();
    } catch (HistoryFormatException e) {
      throw new IOException(e.getMessage(), e);
    }
    ReportWriter.write(dir, test, judgement(results), history);
  }

  static Judgement judgement(Map<String, Object> results) {
    Map<String, CheckResult> checkers = new LinkedHashMap<>();
    if (results.get("checkers") instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Map<String, Object> details = new LinkedHashMap<>();
        Verdict v = Verdict.UNKNOWN;
        if (e.getValue() instanceof Map<?, ?> c) {
          c.forEach((k, val) -> details.put(String.valueOf(k), val));
          v = verdict(details.remove("valid"));
        }
        checkers.put(String.valueOf(e.getKey()), new CheckResult(v, details));
      }
    }
    return new Judgement(verdict(results.get("valid")), checkers);
  }

  private static Verdict verdict(Object valid) {
    if (Boolean.TRUE.equals(valid)) {
      return Verdict.VALID;
    }
    return Boolean.FALSE.equals(valid) ? Verdict.INVALID : Verdict.UNKNOWN;
  }
}
