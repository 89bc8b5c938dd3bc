package io.faultline.checker.model;

import io.faultline.checker.history.Operation;
import io.faultline.checker.history.Values;

/**
 * Porcupine's key-value service: one string register per key (the history is split by key, so
 * each part sees one), {@code get -> s} legal iff the value is s, {@code put v} sets, {@code
 * append v} concatenates. Every key starts as the initial value, by default the empty string.
 * As a {@link Reduction}: gets are read-only, and crashed gets, which constrain nothing, are set
 * aside.
 */
public final class KvModel implements Model<String, KvModel.Input>, Reduction<KvModel.Input> {
  private static final byte GET = 0;
  private static final byte PUT = 1;
  private static final byte APPEND = 2;
  private static final byte NOOP = 3;

  /** Compact prepared operation. */
  public record Input(byte kind, String value) {}

  private final String init;

  public KvModel(Object init) {
    if (init != null && !(init instanceof String)) {
      throw new IllegalArgumentException("kv's initial value must be a string, got " + Values.show(init));
    }
    this.init = init == null ? "" : (String) init;
  }

  @Override
  public String name() {
    return "kv";
  }

  @Override
  public String init() {
    return init;
  }

  @Override
  public Input prepare(Operation op) {
    return switch (op.f()) {
      case "get", "read" -> op.known() ? new Input(GET, text(op, op.output())) : new Input(NOOP, null);
      case "put", "write" -> new Input(PUT, text(op, op.input()));
      case "append" -> new Input(APPEND, text(op, op.input()));
      default -> throw ModelInputs.unknownF(name(), op, "get, put, append");
    };
  }

  private static String text(Operation op, Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("model 'kv': " + op.f() + " needs a string value, got " + Values.show(v));
  }

  @Override
  public String step(String state, Input in) {
    return switch (in.kind) {
      case GET -> state.equals(in.value) ? state : null;
      case PUT -> in.value;
      case APPEND -> state.concat(in.value);
      default -> state;
    };
  }

  @Override
  public boolean[] removable(java.util.List<Input> inputs, boolean[] known) {
    boolean[] removable = new boolean[inputs.size()];
    for (int i = 0; i < removable.length; i++) {
      removable[i] = inputs.get(i).kind == NOOP;
    }
    return removable;
  }

  @Override
  public boolean readOnly(Input in) {
    return in.kind == GET || in.kind == NOOP;
  }

  @Override
  public String describe(String state) {
    return Values.show(state);
  }

  @Override
  public long stateBytes(String state) {
    return 40 + state.length();
  }
}
