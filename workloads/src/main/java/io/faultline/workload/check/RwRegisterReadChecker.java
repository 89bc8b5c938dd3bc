package io.faultline.workload.check;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sanity check of rw-register histories, weaker than a dependency-cycle (Elle) analysis: writes
 * are unique per key, so every value read must come from a write of that key by a transaction
 * that did not definitely fail ("garbage" / "aborted-read"), and a transaction that writes a key
 * and later reads it must see its own write ("internal").
 */
public final class RwRegisterReadChecker implements Checker {

  @Override
  public String name() {
    return "rw-register-reads";
  }

  @Override
  public CheckResult check(List<Op> history) {
    Map<List<Object>, OpType> writes = new HashMap<>(); // [key, value] -> outcome
    List<OpPair> pairs = OpPair.pair(history);
    for (OpPair pair : pairs) {
      if ("txn".equals(pair.invoke().f())) {
        for (Object m : MicroOps.ops(pair.invoke().value())) {
          if ("w".equals(MicroOps.f(m))) {
            writes.put(List.of(MicroOps.key(m), MicroOps.value(m)), pair.outcome());
          }
        }
      }
    }
    List<Map<String, Object>> anomalies = new ArrayList<>();
    long reads = 0;
    for (OpPair pair : pairs) {
      if (!"txn".equals(pair.invoke().f()) || pair.outcome() != OpType.OK) {
        continue;
      }
      Op op = pair.completion();
      Map<Object, Object> ownWrites = new HashMap<>();
      for (Object m : MicroOps.ops(op.value())) {
        Object key = MicroOps.key(m);
        Object value = MicroOps.value(m);
        if ("w".equals(MicroOps.f(m))) {
          ownWrites.put(key, value);
          continue;
        }
        reads++;
        if (ownWrites.containsKey(key)) {
          if (!java.util.Objects.equals(ownWrites.get(key), value)) {
            anomalies.add(ListAppendFinalReadChecker.anomaly("internal", op, key,
                "read " + value + " after writing " + ownWrites.get(key) + " in the same txn"));
          }
          continue;
        }
        if (value == null) {
          continue;
        }
        OpType outcome = writes.get(List.of(key, value));
        if (outcome == null) {
          anomalies.add(ListAppendFinalReadChecker.anomaly("garbage", op, key, "value " + value + " was never written"));
        } else if (outcome == OpType.FAIL) {
          anomalies.add(ListAppendFinalReadChecker.anomaly("aborted-read", op, key,
              "value " + value + " was written by a failed txn"));
        }
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("note", "read sanity check, not a full dependency-cycle analysis");
    details.put("reads-checked", reads);
    details.put("anomalies", anomalies.size() > 50 ? anomalies.subList(0, 50) : anomalies);
    details.put("anomaly-count", anomalies.size());
    if (!anomalies.isEmpty()) {
      return new CheckResult(Verdict.INVALID, details);
    }
    return new CheckResult(reads == 0 ? Verdict.UNKNOWN : Verdict.VALID, details);
  }
}
