package io.faultline.checker.txn;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds small transactional histories for tests: {@code h.ok(0, append("x", 1), r("x", 1))}. */
final class Hist {
  private final List<Op> ops = new ArrayList<>();

  static List<Object> append(String key, long value) {
    return Arrays.asList("append", key, value);
  }

  static List<Object> w(String key, long value) {
    return Arrays.asList("w", key, value);
  }

  /** A list-append read of {@code key} returning {@code elements}. */
  static List<Object> r(String key, long... elements) {
    List<Object> list = new ArrayList<>();
    for (long e : elements) {
      list.add(e);
    }
    return Arrays.asList("r", key, list);
  }

  /** An rw-register read; {@code value} null is the empty register. */
  static List<Object> rr(String key, Long value) {
    return Arrays.asList("r", key, value);
  }

  @SafeVarargs
  final Hist invoke(int process, List<Object>... microOps) {
    List<Object> blank = new ArrayList<>();
    for (List<Object> op : microOps) {
      blank.add("r".equals(op.get(0)) ? Arrays.asList("r", op.get(1), null) : op);
    }
    ops.add(Op.invoke(ops.size(), ops.size(), process, "txn", blank));
    return this;
  }

  @SafeVarargs
  final Hist complete(int process, OpType type, List<Object>... microOps) {
    ops.add(Op.complete(ops.size(), ops.size(), process, type, "txn", List.of(microOps)));
    return this;
  }

  /** Invokes and completes ok at once: sequential with everything before and after it. */
  @SafeVarargs
  final Hist ok(int process, List<Object>... microOps) {
    return invoke(process, microOps).complete(process, OpType.OK, microOps);
  }

  @SafeVarargs
  final Hist fail(int process, List<Object>... microOps) {
    return invoke(process, microOps).complete(process, OpType.FAIL, microOps);
  }

  @SafeVarargs
  final Hist info(int process, List<Object>... microOps) {
    return invoke(process, microOps).complete(process, OpType.INFO, microOps);
  }

  /** The micro-ops of one transaction, for {@link #concurrent}. */
  @SafeVarargs
  static List<List<Object>> txn(List<Object>... microOps) {
    return List.of(microOps);
  }

  /**
   * Transactions that all overlap: each is invoked on its own process (numbered from
   * {@code firstProcess}), then all complete ok, in the same order.
   */
  @SuppressWarnings("unchecked")
  @SafeVarargs
  final Hist concurrent(int firstProcess, List<List<Object>>... txns) {
    for (int i = 0; i < txns.length; i++) {
      invoke(firstProcess + i, txns[i].toArray(new List[0]));
    }
    for (int i = 0; i < txns.length; i++) {
      complete(firstProcess + i, OpType.OK, txns[i].toArray(new List[0]));
    }
    return this;
  }

  List<Op> ops() {
    return ops;
  }
}
