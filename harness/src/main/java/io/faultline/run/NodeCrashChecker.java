package io.faultline.run;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invalid when a node died on its own during the run: the harness records each such death as a
 * nemesis event {@value #CRASHED} (see {@link io.faultline.runtime.WatchedRuntime}). A node that
 * stops itself on an internal safety check, or falls over under faults, has failed the test even
 * if every answer it gave before was right.
 */
public final class NodeCrashChecker implements Checker {
  public static final String CRASHED = "node-crashed";

  @Override
  public String name() {
    return "node-crashes";
  }

  @Override
  public CheckResult check(List<Op> history) {
    List<Object> crashes = new ArrayList<>();
    for (Op op : history) {
      if (op.isNemesis() && CRASHED.equals(op.f())) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", CRASHED);
        Object node = op.value() instanceof Map<?, ?> v ? v.get("node") : op.value();
        Object last = op.value() instanceof Map<?, ?> v ? v.get("last-log-line") : null;
        Object error = op.value() instanceof Map<?, ?> v ? v.get("error-log-line") : null;
        c.put("explanation", String.format(java.util.Locale.ROOT, "%s exited on its own %.1f s into the run%s%s",
            node, op.time() / 1e9, error == null || error.equals(last) ? "" : "; its last error: " + error,
            last == null ? "" : "; its log ends: " + last));
        c.put("op-index", op.index());
        c.put("node", node);
        crashes.add(c);
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("crashes", crashes.size());
    if (!crashes.isEmpty()) {
      details.put("anomalies", crashes);
    }
    return new CheckResult(crashes.isEmpty() ? Verdict.VALID : Verdict.INVALID, details);
  }
}
