package io.faultline.checker.linear;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns part outcomes into one {@link CheckResult} with JSON-shaped details. */
final class Verdicts {
  private static final int MAX_LISTED_PARTS = 50;

  private Verdicts() {}

  static CheckResult summarise(String model, int operations, List<PartOutcome> outcomes, long elapsedMs) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("model", model);
    d.put("operations", operations);
    d.put("partitions", outcomes.size());
    long memo = 0;
    int proven = 0;
    PartOutcome.NotLinearizable failed = null;
    List<PartOutcome.Undecided> undecided = new ArrayList<>();
    for (PartOutcome o : outcomes) {
      // Java 17: no pattern switch; the sealed interface has exactly these three kinds.
      if (o instanceof PartOutcome.Linearizable l) {
        proven++;
        memo += l.memoEntries();
      } else if (o instanceof PartOutcome.NotLinearizable n) {
        memo += n.memoEntries();
        if (failed == null) {
          failed = n;
        }
      } else {
        undecided.add((PartOutcome.Undecided) o);
      }
    }
    d.put("linearizable-partitions", proven);
    d.put("memo-entries", memo);
    d.put("elapsed-ms", elapsedMs);
    Verdict verdict;
    if (failed != null) {
      verdict = Verdict.INVALID;
      d.put("failure", EvidenceJson.of(failed.evidence()));
    } else if (!undecided.isEmpty()) {
      verdict = Verdict.UNKNOWN;
      d.put("reason", undecided.get(0).reason());
      List<Object> parts = new ArrayList<>();
      for (PartOutcome.Undecided u : undecided.subList(0, Math.min(MAX_LISTED_PARTS, undecided.size()))) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("key", u.key());
        p.put("operations", u.operations());
        p.put("furthest-linearized", u.furthest());
        p.put("reason", u.reason());
        parts.add(p);
      }
      d.put("undecided-partitions", undecided.size());
      d.put("undecided", parts);
    } else {
      verdict = Verdict.VALID;
    }
    return new CheckResult(verdict, d);
  }
}
