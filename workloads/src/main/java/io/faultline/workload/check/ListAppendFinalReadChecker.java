package io.faultline.workload.check;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sanity check of list-append histories against final reads; weaker than a dependency-cycle
 * (Elle) analysis, but everything it reports is a real violation of serializability. Lists only
 * grow, so under any serializable execution: every read of a key is a prefix of the last read of
 * it ("not-prefix"); no value appears twice ("duplicate"); every value read was appended by a
 * transaction that did not definitely fail ("aborted-read" / "phantom"); every acknowledged append
 * is in the last read of its key ("lost").
 */
public final class ListAppendFinalReadChecker implements Checker {

  @Override
  public String name() {
    return "list-append-final-read";
  }

  @Override
  public CheckResult check(List<Op> history) {
    Map<Object, Object> appendOutcome = new HashMap<>(); // value -> OpType of its txn
    Map<Object, List<Object>> okAppendsByKey = new HashMap<>();
    List<Op> okReads = new ArrayList<>(); // ok completions in history order
    for (OpPair pair : OpPair.pair(history)) {
      if (!"txn".equals(pair.invoke().f())) {
        continue;
      }
      for (Object m : MicroOps.ops(pair.invoke().value())) {
        if ("append".equals(MicroOps.f(m))) {
          appendOutcome.put(MicroOps.value(m), pair.outcome());
          if (pair.outcome() == OpType.OK) {
            okAppendsByKey.computeIfAbsent(MicroOps.key(m), k -> new ArrayList<>()).add(MicroOps.value(m));
          }
        }
      }
      if (pair.outcome() == OpType.OK) {
        okReads.add(pair.completion());
      }
    }
    okReads.sort((a, b) -> Long.compare(a.index(), b.index()));
    Map<Object, List<?>> lastRead = new HashMap<>();
    Map<Object, Long> lastReadIndex = new HashMap<>();
    List<Map<String, Object>> anomalies = new ArrayList<>();
    for (Op op : okReads) {
      for (Object m : MicroOps.ops(op.value())) {
        if (!"r".equals(MicroOps.f(m)) || !(MicroOps.value(m) instanceof List<?> list)) {
          continue;
        }
        Set<Object> seen = new HashSet<>();
        for (Object v : list) {
          if (!seen.add(v)) {
            anomalies.add(anomaly("duplicate", op, MicroOps.key(m), "value " + v + " appears twice"));
          }
          Object outcome = appendOutcome.get(v);
          if (outcome == null) {
            anomalies.add(anomaly("phantom", op, MicroOps.key(m), "value " + v + " was never appended"));
          } else if (outcome == OpType.FAIL) {
            anomalies.add(anomaly("aborted-read", op, MicroOps.key(m), "value " + v + " comes from a failed txn"));
          }
        }
        Object key = MicroOps.key(m);
        List<?> previous = lastRead.get(key);
        if (previous != null && !isPrefix(previous, list) && !isPrefix(list, previous)) {
          anomalies.add(anomaly("not-prefix", op, key,
              "read " + list + " and earlier read " + previous + " (op " + lastReadIndex.get(key) + ") diverge"));
        }
        if (previous == null || list.size() >= previous.size()) {
          lastRead.put(key, list);
          lastReadIndex.put(key, op.index());
        }
      }
    }
    for (Map.Entry<Object, List<Object>> e : okAppendsByKey.entrySet()) {
      List<?> finalList = lastRead.get(e.getKey());
      if (finalList == null) {
        continue;
      }
      for (Object v : e.getValue()) {
        if (!finalList.contains(v)) {
          Map<String, Object> a = new LinkedHashMap<>();
          a.put("type", "lost");
          a.put("key", e.getKey());
          a.put("explanation", "acknowledged append of " + v + " is missing from the longest read of the key (op "
              + lastReadIndex.get(e.getKey()) + ")");
          anomalies.add(a);
        }
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("note", "final-read sanity check, not a full dependency-cycle analysis");
    details.put("keys-read", lastRead.size());
    details.put("anomalies", anomalies.size() > 50 ? anomalies.subList(0, 50) : anomalies);
    details.put("anomaly-count", anomalies.size());
    if (!anomalies.isEmpty()) {
      return new CheckResult(Verdict.INVALID, details);
    }
    return new CheckResult(lastRead.isEmpty() ? Verdict.UNKNOWN : Verdict.VALID, details);
  }

  private static boolean isPrefix(List<?> prefix, List<?> list) {
    return prefix.size() <= list.size() && list.subList(0, prefix.size()).equals(prefix);
  }

  static Map<String, Object> anomaly(String type, Op op, Object key, String explanation) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("type", type);
    a.put("op-index", op.index());
    a.put("process", op.process());
    a.put("key", key);
    a.put("explanation", explanation);
    return a;
  }
}
