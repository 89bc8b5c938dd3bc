package io.faultline.checker.model;

import io.faultline.checker.history.Operation;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deterministic model over sets of states of a {@link NondeterministicModel}: a step is legal
 * when it is legal from at least one of the possible states, and leads to all states reachable
 * from any of them.
 */
public final class PowersetModel<S, I> implements Model<Set<S>, I> {
  private final NondeterministicModel<S, I> inner;

  public PowersetModel(NondeterministicModel<S, I> inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Set<S> init() {
    return Set.of(inner.init());
  }

  @Override
  public I prepare(Operation op) {
    return inner.prepare(op);
  }

  @Override
  public Set<S> step(Set<S> states, I input) {
    Set<S> next = null;
    for (S s : states) {
      for (S n : inner.stepAll(s, input)) {
        if (next == null) {
          next = new HashSet<>();
        }
        next.add(n);
      }
    }
    if (next == null) {
      return null;
    }
    return next.equals(states) ? states : Set.copyOf(next);
  }

  @Override
  public Object partition(Operation op) {
    return inner.partition(op);
  }

  @Override
  public String describe(Set<S> states) {
    if (states.size() == 1) {
      return inner.describe(states.iterator().next());
    }
    return states.stream().map(inner::describe).sorted()
        .collect(Collectors.toCollection(LinkedHashSet::new)).stream()
        .collect(Collectors.joining(" or ", "one of: ", ""));
  }

  @Override
  public long stateBytes(Set<S> states) {
    long bytes = 48;
    for (S s : states) {
      bytes += 16 + inner.stateBytes(s);
    }
    return bytes;
  }
}
