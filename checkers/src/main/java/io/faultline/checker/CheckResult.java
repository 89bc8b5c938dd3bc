package io.faultline.checker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One checker's verdict with what it found. {@code details} is JSON-shaped (maps, lists,
 * strings, numbers, booleans) and is written under the checker's name in results.json, beside
 * {@code "valid"}: anomalies with the operations involved, counterexamples, stats.
 */
public record CheckResult(Verdict verdict, Map<String, Object> details) {

  public CheckResult {
    details = details == null ? Map.of() : details;
  }

  public static CheckResult of(Verdict verdict) {
    return new CheckResult(verdict, Map.of());
  }

  /** The JSON object for results.json: {@code {"valid": ..., <details>}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", verdict.toJson());
    json.putAll(details);
    return json;
  }
}
