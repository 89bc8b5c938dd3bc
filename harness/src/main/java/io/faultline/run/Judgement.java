package io.faultline.run;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every checker's result by name and their composed verdict (invalid > unknown > valid). */
public record Judgement(Verdict verdict, Map<String, CheckResult> results) {

  /** This judgement with one more checker's result composed in. */
  public Judgement with(String name, CheckResult result) {
    Map<String, CheckResult> all = new LinkedHashMap<>(results);
    all.put(name, result);
    return new Judgement(verdict.and(result.verdict()), all);
  }

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
