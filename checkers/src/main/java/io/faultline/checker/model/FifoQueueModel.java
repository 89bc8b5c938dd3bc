package io.faultline.checker.model;

import io.faultline.checker.history.Operation;
import io.faultline.checker.history.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * A FIFO queue: {@code enqueue v}; {@code dequeue -> v} legal iff v is at the head, {@code
 * dequeue -> nil} legal iff the queue is empty. A dequeue with unknown outcome removes the head
 * when there is one (FIFO makes that deterministic); an enqueue with unknown outcome appends.
 */
public final class FifoQueueModel implements Model<List<Object>, FifoQueueModel.Input> {
  /** {@code enqueue} false = dequeue; {@code value} is what was enqueued / dequeued. */
  public record Input(boolean enqueue, Object value, boolean known) {}

  private final List<Object> init;

  public FifoQueueModel(Object init) {
    if (init != null && !(init instanceof List<?>)) {
      throw new IllegalArgumentException("fifo-queue's initial value must be a list, got " + Values.show(init));
    }
    this.init = init == null ? List.of() : List.copyOf(((List<?>) init).stream().map(ModelInputs::orEmpty).toList());
  }

  @Override
  public String name() {
    return "fifo-queue";
  }

  @Override
  public List<Object> init() {
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
  public List<Object> step(List<Object> q, Input in) {
    if (in.enqueue) {
      List<Object> next = new ArrayList<>(q.size() + 1);
      next.addAll(q);
      next.add(in.value);
      return List.copyOf(next);
    }
    if (!in.known) {
      return q.isEmpty() ? q : List.copyOf(q.subList(1, q.size()));
    }
    if (in.value == null) {
      return q.isEmpty() ? q : null;
    }
    return !q.isEmpty() && q.get(0).equals(in.value) ? List.copyOf(q.subList(1, q.size())) : null;
  }

  @Override
  public String describe(List<Object> q) {
    return Values.show(q.stream().map(ModelInputs::show).toList());
  }

  @Override
  public long stateBytes(List<Object> q) {
    return 32 + 24L * q.size();
  }
}
