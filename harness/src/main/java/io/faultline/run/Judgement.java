package io.faultline.run;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every checker's result by name and their composed verdict (invalid > unknown > valid). */
public record Judgement(Verdict verdict, Map<String, CheckResult> results) {

  /** The results.json object: {@code {"valid": ..., "checkers": {name: {...}}}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", verdict.toJson());
    Map<String, Object> checkers = new LinkedHashMap<>();
    results.forEach((name, r) -> checkers.put(name, r.toJson()));
    json.put("checkers", checkers);
    return json;
  }
}
