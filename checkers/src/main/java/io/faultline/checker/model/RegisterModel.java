package io.faultline.checker.model;

import io.faultline.checker.history.Operation;
import java.util.List;

/**
 * A single register with read, write and (optionally) compare-and-set. Serves three names:
 * {@code register} (read/write), {@code cas-register} (+ cas) and {@code etcd} (Porcupine's etcd
 * logs: starts absent, nil reads mean absent, and an ok cas with output {@code false} means the
 * comparison ran and failed).
 *
 * <p>Reads: {@code read|r|get}; writes: {@code write|w|put}; CAS: {@code cas|compare-and-set}
 * with value {@code [expected, new]}. An ok cas whose output is {@code false} requires the state
 * to differ from {@code expected}. A read with unknown outcome constrains nothing.
 */
public final class RegisterModel implements Model<Object, RegisterModel.Input> {
  private static final byte READ = 0;
  private static final byte WRITE = 1;
  private static final byte CAS = 2;
  private static final byte CAS_MISMATCH = 3;
  private static final byte CAS_MAYBE = 4;
  private static final byte NOOP = 5;

  /** Compact prepared operation. */
  public record Input(byte kind, Object a, Object b) {}

  private final String name;
  private final boolean cas;
  private final Object init;
  private final ReadNil readNil;

  public RegisterModel(String name, boolean cas, Object init, ReadNil readNil) {
    this.name = name;
    this.cas = cas;
    this.init = ModelInputs.orEmpty(init);
    this.readNil = readNil;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Object init() {
    return init;
  }

  @Override
  public Input prepare(Operation op) {
    switch (op.f()) {
      case "read", "r", "get" -> {
        if (!op.known() || (op.output() == null && readNil == ReadNil.ANY)) {
          return new Input(NOOP, null, null);
        }
        return new Input(READ, ModelInputs.orEmpty(op.output()), null);
      }
      case "write", "w", "put" -> {
        return new Input(WRITE, ModelInputs.orEmpty(op.input()), null);
      }
      case "cas", "compare-and-set" -> {
        if (cas) {
          List<?> p = ModelInputs.pair(name, op, op.input());
          Object expected = ModelInputs.orEmpty(p.get(0));
          Object next = ModelInputs.orEmpty(p.get(1));
          if (!op.known()) {
            return new Input(CAS_MAYBE, expected, next);
          }
          return new Input(Boolean.FALSE.equals(op.output()) ? CAS_MISMATCH : CAS, expected, next);
        }
      }
      default -> { }
    }
    throw ModelInputs.unknownF(name, op, cas ? "read, write, cas" : "read, write");
  }

  @Override
  public Object step(Object state, Input in) {
    return switch (in.kind) {
      case READ -> in.a.equals(state) ? state : null;
      case WRITE -> in.a;
      case CAS -> in.a.equals(state) ? in.b : null;
      case CAS_MISMATCH -> in.a.equals(state) ? null : state;
      case CAS_MAYBE -> in.a.equals(state) ? in.b : state;
      default -> state;
    };
  }

  @Override
  public String describe(Object state) {
    return ModelInputs.show(state);
  }
}
