package io.faultline.checker.model;

import io.faultline.checker.history.Operation;
import io.faultline.checker.history.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An unordered queue (a multiset): {@code enqueue v}; {@code dequeue -> v} legal iff v is
 * present, {@code dequeue -> nil} legal iff empty. An enqueue with unknown outcome adds.
 *
 * <p>Known limit: a dequeue with unknown outcome is taken as not having happened, because which
 * element it removed is not known and this model interface is deterministic. That is exact as
 * long as nothing later relies on that element being gone (e.g. a dequeue answering "empty").
 */
public final class UnorderedQueueModel implements Model<Map<Object, Integer>, UnorderedQueueModel.Input> {
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
  public Map<Object, Integer> step(Map<Object, Integer> q, Input in) {
    if (in.enqueue) {
      Map<Object, Integer> next = new HashMap<>(q);
      next.merge(in.value, 1, Integer::sum);
      return Map.copyOf(next);
    }
    if (!in.known) {
      return q;
    }
    if (in.value == null) {
      return q.isEmpty() ? q : null;
    }
    Integer n = q.get(in.value);
    if (n == null) {
      return null;
    }
    Map<Object, Integer> next = new HashMap<>(q);
    if (n == 1) {
      next.remove(in.value);
    } else {
      next.put(in.value, n - 1);
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
