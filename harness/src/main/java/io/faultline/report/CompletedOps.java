package io.faultline.report;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Client operations of a history paired invocation-to-completion, in invocation order. An
 * invocation that never completed has {@code complete == null} and {@code outcome == INVOKE}.
 * Completions without an invocation are skipped: the report draws what it can.
 */
public final class CompletedOps {
  private CompletedOps() {}

  /** One operation: its invocation, its completion (or null) and where both sit in the history. */
  public record Pair(Op invoke, Op complete) {
    public OpType outcome() {
      return complete == null ? OpType.INVOKE : complete.type();
    }

    /** Completion time, or -1 while pending. */
    public long endNanos() {
      return complete == null ? -1 : complete.time();
    }

    public long latencyNanos() {
      return complete == null ? -1 : complete.time() - invoke.time();
    }

    /** The value worth showing: the completion's for an ok, the invocation's otherwise. */
    public Object shownValue() {
      return complete != null && complete.type() == OpType.OK ? complete.value() : invoke.value();
    }
  }

  public static List<Pair> pair(List<Op> history) {
    List<Pair> pairs = new ArrayList<>();
    Map<Integer, Integer> open = new HashMap<>();
    for (Op op : history) {
      if (op.isNemesis()) {
        continue;
      }
      if (op.type() == OpType.INVOKE) {
        open.put(op.process(), pairs.size());
        pairs.add(new Pair(op, null));
        continue;
      }
      Integer at = open.remove(op.process());
      if (at != null) {
        pairs.set(at, new Pair(pairs.get(at).invoke(), op));
      }
    }
    return pairs;
  }
}
