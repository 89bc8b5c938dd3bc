package io.faultline.workload.check;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A client invocation with its completion; {@code completion} is null when the history ended before
 * the operation completed (treated like {@code info}).
 */
public record OpPair(Op invoke, Op completion) {

  /** The completion type, {@link OpType#INFO} when there is none. */
  public OpType outcome() {
    return completion == null ? OpType.INFO : completion.type();
  }

  /** Latency in nanoseconds, or -1 without a completion. */
  public long latencyNanos() {
    return completion == null ? -1 : completion.time() - invoke.time();
  }

  /** Pairs every client invocation with its process's next completion; nemesis events are skipped. */
  public static List<OpPair> pair(List<Op> history) {
    Map<Integer, Integer> open = new HashMap<>();
    List<Op> invokes = new ArrayList<>();
    List<Op> completions = new ArrayList<>();
    for (Op op : history) {
      if (op.isNemesis()) {
        continue;
      }
      if (op.type() == OpType.INVOKE) {
        open.put(op.process(), invokes.size());
        invokes.add(op);
        completions.add(null);
      } else {
        Integer at = open.remove(op.process());
        if (at != null) {
          completions.set(at, op);
        }
      }
    }
    List<OpPair> pairs = new ArrayList<>(invokes.size());
    for (int i = 0; i < invokes.size(); i++) {
      pairs.add(new OpPair(invokes.get(i), completions.get(i)));
    }
    return pairs;
  }
}
