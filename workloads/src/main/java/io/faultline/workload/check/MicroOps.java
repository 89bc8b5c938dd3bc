package io.faultline.workload.check;

import java.util.List;

/** Reading transaction micro-ops {@code [f, key, value]} out of JSON-shaped history values. */
final class MicroOps {
  private MicroOps() {}

  static List<?> ops(Object txnValue) {
    return txnValue instanceof List<?> l ? l : List.of();
  }

  static String f(Object microOp) {
    return String.valueOf(((List<?>) microOp).get(0));
  }

  static Object key(Object microOp) {
    return ((List<?>) microOp).get(1);
  }

  static Object value(Object microOp) {
    List<?> m = (List<?>) microOp;
    return m.size() > 2 ? m.get(2) : null;
  }
}
