package io.faultline.checker.model;

import io.faultline.checker.history.Operation;
import io.faultline.checker.history.Values;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A grow-only set: {@code add v} (always legal), {@code read -> [elements]} legal iff the set
 * holds exactly those elements (order ignored). An add with unknown outcome adds; a read with
 * unknown outcome constrains nothing. Initial state: the given list, or empty.
 *
 * <p>As a {@link Reduction}: reads are read-only; crashed reads are set aside, and so is a
 * crashed add of an element no ok read contains. Such an add cannot take effect before any read
 * (the set only grows, so that read would contain the element), and after the last read only adds
 * remain, which are legal in every state: dropping it changes no verdict.
 */
public final class SetModel implements Model<Set<Object>, SetModel.Input>, Reduction<SetModel.Input> {
  /** {@code add} true: element to add; false: the exact set a read saw (null = unconstrained). */
  public record Input(boolean add, Object element, Set<Object> seen) {}

  private final Set<Object> init;

  public SetModel(Object init) {
    if (init != null && !(init instanceof List<?>)) {
      throw new IllegalArgumentException("set's initial value must be a list, got " + Values.show(init));
    }
    this.init = init == null ? Set.of() : Set.copyOf((List<?>) init);
  }

  @Override
  public String name() {
    return "set";
  }

  @Override
  public Set<Object> init() {
    return init;
  }

  @Override
  public Input prepare(Operation op) {
    switch (op.f()) {
      case "add" -> {
        return new Input(true, ModelInputs.orEmpty(op.input()), null);
      }
      case "read", "r" -> {
        if (!op.known()) {
          return new Input(false, null, null);
        }
        if (!(op.output() instanceof List<?> l)) {
          throw new IllegalArgumentException("model 'set': an ok read must return a list, got " + Values.show(op.output()));
        }
        Set<Object> seen = new HashSet<>();
        for (Object o : l) {
          seen.add(ModelInputs.orEmpty(o));
        }
        return new Input(false, null, Set.copyOf(seen));
      }
      default -> throw ModelInputs.unknownF(name(), op, "add, read");
    }
  }

  @Override
  public Set<Object> step(Set<Object> state, Input in) {
    if (in.add) {
      if (state.contains(in.element)) {
        return state;
      }
      Set<Object> next = new HashSet<>(state);
      next.add(in.element);
      return Set.copyOf(next);
    }
    return in.seen == null || in.seen.equals(state) ? state : null;
  }

  @Override
  public boolean[] removable(List<Input> inputs, boolean[] known) {
    Set<Object> seenAnywhere = new HashSet<>();
    for (Input in : inputs) {
      if (!in.add && in.seen != null) {
        seenAnywhere.addAll(in.seen);
      }
    }
    boolean[] removable = new boolean[inputs.size()];
    for (int i = 0; i < removable.length; i++) {
      Input in = inputs.get(i);
      removable[i] = in.add ? !known[i] && !seenAnywhere.contains(in.element) : in.seen == null;
    }
    return removable;
  }

  @Override
  public boolean readOnly(Input in) {
    return !in.add;
  }

  @Override
  public String describe(Set<Object> state) {
    return Values.show(state.stream().map(ModelInputs::show).sorted().toList());
  }

  @Override
  public long stateBytes(Set<Object> state) {
    return 48 + 32L * state.size();
  }
}
