package io.faultline.checker.model;

import io.faultline.checker.history.Operation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A single register with read, write and (optionally) compare-and-set. Serves three names:
 * {@code register} (read/write), {@code cas-register} (+ cas) and {@code etcd} (Porcupine's etcd
 * logs: starts absent, nil reads mean absent, and an ok cas with output {@code false} means the
 * comparison ran and failed).
 *
 * <p>Reads: {@code read|r|get}; writes: {@code write|w|put}; CAS: {@code cas|compare-and-set}
 * with value {@code [expected, new]}. An ok cas whose output is {@code false} requires the state
 * to differ from {@code expected}. A read with unknown outcome constrains nothing.
 *
 * <p>As a {@link Reduction} it sets aside what cannot matter: operations that are legal everywhere
 * and change nothing (crashed reads, nil reads under {@link ReadNil#ANY}, crashed {@code cas [v,
 * v]}), and crashed writes and CAS whose written value no remaining operation can observe (see
 * {@link #removable}).
 */
public final class RegisterModel implements Model<Object, RegisterModel.Input>,
    Reduction<RegisterModel.Input> {
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

  /**
   * Sets aside the identities (legal in every state, changing none: {@code NOOP}, a crashed {@code
   * cas [v, v]}) and the largest set R of crashed writers (a crashed write of v, or crashed {@code
   * cas [a, v]} with a != v: when it takes effect the state becomes v) such that no operation
   * outside R observes a value written by R. Observing v means: an ok read of v, an ok or crashed
   * cas expecting v, or an ok cas that compared false against any value other than v (it needs the
   * state to differ from its expected value, which state v does). R is found as a greatest
   * fixpoint: start with every crashed writer; while some writer in R writes a value observed from
   * outside R, take it out (its own observation now counts).
   *
   * <p>Why this is sound (every linearization L of the whole part gives one without R). Drop from L
   * every crashed step that changes nothing; L stays legal and respects real time. Take the first
   * op r of R left in L; before it the state is p, after it some v written by R. Look at the ops
   * after r up to the first blind write not in R (an ok or crashed write; or the end). While the
   * state is a value u written by R, an op not in R can only be: a read of x, an ok cas expecting x
   * (both illegal in u, since x = u would observe u), an ok cas that compared false against x
   * (observes u unless x = u, and then it is illegal), a crashed cas expecting x != u (a no-op,
   * already dropped), or an identity. Ops of R keep the state among R's values. So that stretch is
   * ops of R and identities only; removing its ops of R leaves the identities legal in p, and the
   * blind write that ends it restores the same state as in L, so the rest of L is unchanged.
   * Repeat until no op of R is left; a subsequence of L respects real time. The other direction
   * is the "never happened" choice. Identities can be removed or inserted anywhere in their
   * interval. The observation "differs from x" is why an unread crashed write can still matter:
   * from 0, a crashed write of 1 is what lets an ok {@code cas [0, 5] -> false} be legal.
   */
  @Override
  public boolean[] removable(List<Input> inputs, boolean[] known) {
    int n = inputs.size();
    boolean[] removable = new boolean[n];
    boolean[] inR = new boolean[n];
    Set<Object> observed = new HashSet<>();
    Set<Object> mismatchExpected = new HashSet<>();
    Map<Object, List<Integer>> writersOf = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Input in = inputs.get(i);
      boolean identity = in.kind == NOOP || (in.kind == CAS_MAYBE && in.a.equals(in.b));
      boolean crashedWriter = !known[i] && !identity && (in.kind == WRITE || in.kind == CAS_MAYBE);
      if (identity) {
        removable[i] = true;
      } else if (crashedWriter) {
        inR[i] = true;
        writersOf.computeIfAbsent(written(in), v -> new ArrayList<>()).add(i);
      } else if (in.kind == CAS_MISMATCH) {
        mismatchExpected.add(in.a);
      } else if (in.kind != WRITE) {
        observed.add(in.a); // READ, CAS
      }
    }
    ArrayDeque<Object> work = new ArrayDeque<>(observed);
    if (!mismatchExpected.isEmpty()) {
      // An ok cas that compared false against x observes every value but x.
      for (Object v : writersOf.keySet()) {
        if (mismatchExpected.size() > 1 || !mismatchExpected.contains(v)) {
          work.add(v);
        }
      }
    }
    while (!work.isEmpty()) {
      List<Integer> writers = writersOf.remove(work.poll());
      if (writers == null) {
        continue;
      }
      for (int w : writers) {
        inR[w] = false;
        Input in = inputs.get(w);
        if (in.kind == CAS_MAYBE && observed.add(in.a)) {
          work.add(in.a);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      removable[i] |= inR[i];
    }
    return removable;
  }

  @Override
  public boolean readOnly(Input in) {
    return in.kind == READ || in.kind == CAS_MISMATCH || in.kind == NOOP
        || (in.kind == CAS && in.a.equals(in.b));
  }

  private static Object written(Input in) {
    return in.kind == WRITE ? in.a : in.b;
  }

  @Override
  public String describe(Object state) {
    return ModelInputs.show(state);
  }
}
