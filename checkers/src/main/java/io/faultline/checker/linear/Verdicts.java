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
    int setAside = 0;
    PartOutcome.NotLinearizable failed = null;
    List<PartOutcome> undecided = new ArrayList<>();
    int notSearched = 0;
    for (PartOutcome o : outcomes) {
      // Java 17: no pattern switch; the sealed interface has exactly these four kinds.
      if (o instanceof PartOutcome.Linearizable l) {
        proven++;
        memo += l.memoEntries();
        setAside += l.setAside();
      } else if (o instanceof PartOutcome.NotLinearizable n) {
        memo += n.memoEntries();
        if (failed == null) {
          failed = n;
        }
      } else {
        undecided.add(o);
        notSearched += o instanceof PartOutcome.NotSearched ? 1 : 0;
      }
    }
    d.put("linearizable-partitions", proven);
    d.put("memo-entries", memo);
    d.put("set-aside-operations", setAside);
    d.put("elapsed-ms", elapsedMs);
    Verdict verdict;
    if (failed != null) {
      verdict = Verdict.INVALID;
      d.put("failure", EvidenceJson.of(failed.evidence()));
    } else if (!undecided.isEmpty()) {
      verdict = Verdict.UNKNOWN;
      d.put("reason", firstReason(undecided));
      List<Object> parts = new ArrayList<>();
      for (PartOutcome u : undecided.subList(0, Math.min(MAX_LISTED_PARTS, undecided.size()))) {
        parts.add(part(u));
      }
      d.put("undecided-partitions", undecided.size());
      d.put("not-searched-partitions", notSearched);
      d.put("undecided", parts);
    } else {
      verdict = Verdict.VALID;
    }
    return new CheckResult(verdict, d);
  }

  /** The reason of the first part that was searched, else of the first never searched. */
  private static String firstReason(List<PartOutcome> undecided) {
    for (PartOutcome o : undecided) {
      if (o instanceof PartOutcome.Undecided u) {
        return u.reason();
      }
    }
    return ((PartOutcome.NotSearched) undecided.get(0)).reason();
  }

  private static Map<String, Object> part(PartOutcome o) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("key", o.key());
    p.put("operations", o.operations());
    if (o instanceof PartOutcome.Undecided u) {
      p.put("searched", true);
      p.put("furthest-linearized", u.furthest());
      p.put("completed-operations", u.completed());
      p.put("furthest-completed-linearized", u.furthestCompleted());
      p.put("set-aside", u.setAside());
      p.put("reason", u.reason());
    } else {
      p.put("searched", false);
      p.put("reason", ((PartOutcome.NotSearched) o).reason());
    }
    return p;
  }
}
