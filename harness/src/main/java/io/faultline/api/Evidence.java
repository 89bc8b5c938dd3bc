package io.faultline.api;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.JsonValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads anomaly names and a short explanation out of a checker's JSON-shaped details. Knows the
 * shapes the bundled checkers write: the linearizability checker's {@code failure} (operation,
 * explanation, the tail of the longest linearisable prefix) and the transactional checkers'
 * {@code anomaly-types} / {@code anomalies}, and the run checkers' list of {@code anomalies} each
 * with a {@code type} and an {@code explanation}. Anything else is quoted as truncated JSON.
 */
public final class Evidence {
  /** Anomaly name for a history that is not linearizable (the linearizability checker names none). */
  public static final String NONLINEARIZABLE = "nonlinearizable";
  private static final int MAX_CHARS = 1_500;

  private Evidence() {}

  public static List<String> anomalies(CheckResult result) {
    List<String> names = new ArrayList<>();
    if (result.details().get("anomaly-types") instanceof List<?> types) {
      types.forEach(t -> names.add(String.valueOf(t)));
    }
    if (result.verdict() == Verdict.INVALID && result.details().get("failure") instanceof Map<?, ?>) {
      names.add(NONLINEARIZABLE);
    }
    if (names.isEmpty() && result.details().get("anomalies") instanceof List<?> list) {
      // The run's own checkers (election-safety, replica-agreement) list anomalies with a type each.
      list.forEach(a -> {
        if (a instanceof Map<?, ?> m && m.get("type") != null && !names.contains(String.valueOf(m.get("type")))) {
          names.add(String.valueOf(m.get("type")));
        }
      });
    }
    return names;
  }

  /** Empty for a valid result; otherwise what the checker found, in words where it gave words. */
  public static String describe(CheckResult result) {
    if (result.verdict() == Verdict.VALID) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    Map<String, Object> d = result.details();
    if (d.get("failure") instanceof Map<?, ?> failure) {
      sb.append(failure.get("explanation"));
      if (failure.get("prefix-tail") instanceof List<?> tail && !tail.isEmpty()) {
        sb.append("\n  last linearised operations:");
        for (Object op : tail.subList(Math.max(0, tail.size() - 5), tail.size())) {
          sb.append("\n    ").append(op instanceof Map<?, ?> m ? m.get("text") : op);
        }
      }
      if (failure.get("operation") instanceof Map<?, ?> op) {
        sb.append("\n  first unlinearisable operation:\n    ").append(op.get("text"));
      }
    } else if (d.get("anomalies") instanceof Map<?, ?> anomalies && !anomalies.isEmpty()) {
      anomalies.forEach((type, list) -> {
        sb.append(sb.length() == 0 ? "" : "\n").append(type).append(": ");
        Object first = list instanceof List<?> l && !l.isEmpty() ? l.get(0) : list;
        sb.append(first instanceof Map<?, ?> m && m.get("explanation") != null ? m.get("explanation") : json(first));
      });
    } else if (d.get("anomalies") instanceof List<?> list && !list.isEmpty()
        && list.get(0) instanceof Map<?, ?> first && first.get("explanation") != null) {
      for (Object a : list.subList(0, Math.min(3, list.size()))) {
        Map<?, ?> m = (Map<?, ?>) a;
        sb.append(sb.length() == 0 ? "" : "\n").append(m.get("explanation")); // the type is named beside it
      }
      if (list.size() > 3) {
        sb.append("\n(").append(list.size() - 3).append(" more)");
      }
    } else {
      sb.append(json(d));
    }
    return sb.length() > MAX_CHARS ? sb.substring(0, MAX_CHARS) + "..." : sb.toString();
  }

  private static String json(Object value) {
    try {
      return JsonValues.mapper().writeValueAsString(value);
    } catch (IOException e) {
      return String.valueOf(value);
    }
  }
}
