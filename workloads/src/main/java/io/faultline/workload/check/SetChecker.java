package io.faultline.workload.check;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The set workload's checker (Jepsen's set checker): judged against the last successful read,
 * every acknowledged {@code add} must be present ("lost" otherwise), and every element present must
 * have been attempted by an add that did not definitely fail ("unexpected" otherwise). Adds that
 * ended {@code info} may or may not be present. Without a successful read: unknown.
 */
public final class SetChecker implements Checker {

  @Override
  public String name() {
    return "set";
  }

  @Override
  public CheckResult check(List<Op> history) {
    Set<Long> okAdds = new TreeSet<>();
    Set<Long> failedAdds = new TreeSet<>();
    Set<Long> attempted = new TreeSet<>();
    Op finalRead = null;
    for (OpPair pair : OpPair.pair(history)) {
      String f = pair.invoke().f();
      if ("add".equals(f)) {
        long v = ((Number) pair.invoke().value()).longValue();
        attempted.add(v);
        if (pair.outcome() == OpType.OK) {
          okAdds.add(v);
        } else if (pair.outcome() == OpType.FAIL) {
          failedAdds.add(v);
        }
      } else if ("read".equals(f) && pair.outcome() == OpType.OK) {
        if (finalRead == null || pair.completion().index() > finalRead.index()) {
          finalRead = pair.completion();
        }
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("attempt-count", attempted.size());
    details.put("acknowledged-count", okAdds.size());
    if (finalRead == null) {
      details.put("problem", "no successful read of the set");
      return new CheckResult(Verdict.UNKNOWN, details);
    }
    Set<Long> read = new TreeSet<>();
    for (Object o : (List<?>) finalRead.value()) {
      read.add(((Number) o).longValue());
    }
    List<Long> lost = new ArrayList<>();
    for (Long v : okAdds) {
      if (!read.contains(v)) {
        lost.add(v);
      }
    }
    List<Long> unexpected = new ArrayList<>();
    for (Long v : read) {
      if (!attempted.contains(v) || failedAdds.contains(v)) {
        unexpected.add(v);
      }
    }
    details.put("final-read-index", finalRead.index());
    details.put("read-count", read.size());
    details.put("lost", lost);
    details.put("unexpected", unexpected);
    boolean valid = lost.isEmpty() && unexpected.isEmpty();
    return new CheckResult(valid ? Verdict.VALID : Verdict.INVALID, details);
  }
}
