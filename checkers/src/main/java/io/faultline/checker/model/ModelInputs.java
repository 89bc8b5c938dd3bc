package io.faultline.checker.model;

import io.faultline.checker.history.Operation;
import io.faultline.checker.history.Values;
import java.util.List;

/** Shared helpers for decoding operation values in models. */
final class ModelInputs {
  /** The state of an empty register: distinct from every value, shown as nil. */
  static final Object EMPTY = new Object() {
    @Override
    public String toString() {
      return "nil";
    }
  };

  private ModelInputs() {}

  static Object orEmpty(Object v) {
    return v == null ? EMPTY : v;
  }

  static IllegalArgumentException unknownF(String model, Operation op, String valid) {
    return new IllegalArgumentException("model '" + model + "' does not understand f '" + op.f()
        + "' (it understands " + valid + ")");
  }

  /** A two-element list such as CAS's {@code [expected, new]}. */
  static List<?> pair(String model, Operation op, Object value) {
    if (value instanceof List<?> l && l.size() == 2) {
      return l;
    }
    throw new IllegalArgumentException("model '" + model + "': " + op.f()
        + " needs a value [expected, new], got " + Values.show(value));
  }

  static String show(Object state) {
    return state == EMPTY ? "nil" : Values.show(state);
  }
}
