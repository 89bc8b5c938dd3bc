package io.faultline.checker.model;

import io.faultline.checker.history.Operation;
import io.faultline.checker.history.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map of registers changed by atomic transactions ({@code multi-register}, also called
 * {@code key-value}): {@code f = txn}, value a list of micro-ops {@code [f, key, value]} with f
 * {@code read|r} or {@code write|w}. Micro-ops apply in order inside one step. A completed txn's
 * reads come from the ok record. A read of nil is "any value" or "key absent" as
 * {@link ReadNil} says. A txn with unknown outcome applies its writes (reads constrain nothing).
 * Initial state: the given map, or empty. As a {@link Reduction}: a txn without writes is
 * read-only, and one that is also left with no reads (a crashed one's reads constrain nothing) is
 * set aside.
 */
public final class MultiRegisterModel implements Model<Map<Object, Object>, MultiRegisterModel.Micro[]>,
    Reduction<MultiRegisterModel.Micro[]> {

  /** One micro-op; {@code read} false = write. {@code value} null on a read = unconstrained. */
  public record Micro(boolean read, Object key, Object value) {}

  private final Map<Object, Object> init;
  private final ReadNil readNil;

  public MultiRegisterModel(Object init, ReadNil readNil) {
    if (init != null && !(init instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("multi-register's initial value must be a map, got " + Values.show(init));
    }
    Map<Object, Object> m = new HashMap<>();
    if (init != null) {
      ((Map<?, ?>) init).forEach((k, v) -> m.put(k, ModelInputs.orEmpty(v)));
    }
    this.init = Map.copyOf(m);
    this.readNil = readNil;
  }

  @Override
  public String name() {
    return "multi-register";
  }

  @Override
  public Map<Object, Object> init() {
    return init;
  }

  @Override
  public Micro[] prepare(Operation op) {
    if (!op.f().equals("txn")) {
      throw ModelInputs.unknownF(name(), op, "txn");
    }
    Object v = op.known() ? op.output() : op.input();
    if (!(v instanceof List<?> ops)) {
      throw new IllegalArgumentException("model 'multi-register': txn value must be a list of [f key value], got " + Values.show(v));
    }
    List<Micro> out = new ArrayList<>();
    for (Object o : ops) {
      if (!(o instanceof List<?> m) || m.size() != 3 || !(m.get(0) instanceof String f)) {
        throw new IllegalArgumentException("model 'multi-register': micro-op must be [f key value], got " + Values.show(o));
      }
      switch (f) {
        case "read", "r" -> {
          Object value = m.get(2);
          if (!op.known() || (value == null && readNil == ReadNil.ANY)) {
            continue; // constrains nothing
          }
          out.add(new Micro(true, m.get(1), ModelInputs.orEmpty(value)));
        }
        case "write", "w" -> out.add(new Micro(false, m.get(1), ModelInputs.orEmpty(m.get(2))));
        default -> throw new IllegalArgumentException("model 'multi-register': micro-op f must be read or write, got '" + f + "'");
      }
    }
    return out.toArray(new Micro[0]);
  }

  @Override
  public Map<Object, Object> step(Map<Object, Object> state, Micro[] txn) {
    Map<Object, Object> next = null;
    for (Micro m : txn) {
      Map<Object, Object> cur = next == null ? state : next;
      if (m.read) {
        if (!m.value.equals(cur.getOrDefault(m.key, ModelInputs.EMPTY))) {
          return null;
        }
      } else {
        if (next == null) {
          next = new HashMap<>(state);
        }
        next.put(m.key, m.value);
      }
    }
    return next == null ? state : Map.copyOf(next);
  }

  @Override
  public boolean[] removable(List<Micro[]> inputs, boolean[] known) {
    boolean[] removable = new boolean[inputs.size()];
    for (int i = 0; i < removable.length; i++) {
      removable[i] = inputs.get(i).length == 0;
    }
    return removable;
  }

  @Override
  public boolean readOnly(Micro[] txn) {
    for (Micro m : txn) {
      if (!m.read) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String describe(Map<Object, Object> state) {
    StringBuilder s = new StringBuilder("{");
    state.entrySet().stream().sorted((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())))
        .forEach(e -> s.append(s.length() > 1 ? ", " : "").append(e.getKey()).append('=').append(ModelInputs.show(e.getValue())));
    return s.append('}').toString();
  }

  @Override
  public long stateBytes(Map<Object, Object> state) {
    return 48 + 48L * state.size();
  }
}
