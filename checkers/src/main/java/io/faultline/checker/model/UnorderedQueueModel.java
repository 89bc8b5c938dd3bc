package io.faultline.checker.model;

import io.faultline.checker.history.Operation;
import io.faultline.checker.history.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An unordered queue (a multiset): {@code enqueue v}; {@code dequeue -> v} legal iff v is
 * present, {@code dequeue -> nil} legal iff empty. An enqueue with unknown outcome adds.
 *
 * <p>A dequeue with unknown outcome may have removed any one element, or nothing: the model is
 * nondeterministic and is used through {@link PowersetModel} ({@link Models} does that).
 */
public final class UnorderedQueueModel
    implements NondeterministicModel<Map<Object, Integer>, UnorderedQueueModel.Input> {
  /** {@code enqueue} false = dequeue; {@code value} null on a dequeue = saw the queue empty. */
  public record Input(boolean enqueue, Object value, boolean known) {}

  private final Map<Object, Integer> init;

  public UnorderedQueueModel(Object init) {
    if (init != null && !(init instanceof List<?>)) {
      throw new IllegalArgumentException("queue's initial value must be a list, got " + Values.show(init));
    }
    Map<Object, Integer> m = new HashMap<>();
    if (init != null) {
      for (Object o : (List<?>) init) {
        m.merge(ModelInputs.orEmpty(o), 1, Integer::sum);
      }
    }
    this.init = Map.copyOf(m);
  }

  @Override
  public String name() {
    return "queue";
  }

  @Override
  public Map<Object, Integer> init() {
    return init;
  }

  @Override
  public Input prepare(Operation op) {
    return switch (op.f()) {
      case "enqueue", "offer", "push" -> new Input(true, ModelInputs.orEmpty(op.input()), true);
      case "dequeue", "poll", "pop" -> new Input(false, op.output(), op.known());
      default -> throw ModelInputs.unknownF(name(), op, "enqueue, dequeue");
    };
  }

  @Override
  public List<Map<Object, Integer>> stepAll(Map<Object, Integer> q, Input in) {
    if (in.enqueue) {
      Map<Object, Integer> next = new HashMap<>(q);
      next.merge(in.value, 1, Integer::sum);
      return List.of(Map.copyOf(next));
    }
    if (!in.known) {
      List<Map<Object, Integer>> all = new ArrayList<>(q.size() + 1);
      all.add(q);
      for (Object element : q.keySet()) {
        all.add(without(q, element));
      }
      return all;
    }
    if (in.value == null) {
      return q.isEmpty() ? List.of(q) : List.of();
    }
    return q.containsKey(in.value) ? List.of(without(q, in.value)) : List.of();
  }

  private static Map<Object, Integer> without(Map<Object, Integer> q, Object element) {
    Map<Object, Integer> next = new HashMap<>(q);
    int n = next.get(element);
    if (n == 1) {
      next.remove(element);
    } else {
      next.put(element, n - 1);
    }
    return Map.copyOf(next);
  }

  @Override
  public String describe(Map<Object, Integer> q) {
    return Values.show(q.entrySet().stream().map(e -> ModelInputs.show(e.getKey()) + "x" + e.getValue()).sorted().toList());
  }

  @Override
  public long stateBytes(Map<Object, Integer> q) {
    return 48 + 48L * q.size();
  }
}
