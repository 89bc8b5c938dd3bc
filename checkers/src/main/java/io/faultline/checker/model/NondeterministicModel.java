package io.faultline.checker.model;

import io.faultline.checker.history.Operation;
import java.util.List;

/**
 * A model whose step may lead to several states (e.g. a crashed dequeue from an unordered queue
 * removed some element, but which one is unknown). {@link PowersetModel} turns it into an
 * ordinary deterministic {@link Model} over sets of states, as Porcupine does, so the search needs
 * no change.
 */
public interface NondeterministicModel<S, I> {
  String name();

  S init();

  /** As {@link Model#prepare}. */
  I prepare(Operation op);

  /** Every state {@code input} can lead to from {@code state}; empty when it is illegal. */
  List<S> stepAll(S state, I input);

  default Object partition(Operation op) {
    return op.key();
  }

  default String describe(S state) {
    return String.valueOf(state);
  }

  default long stateBytes(S state) {
    return 32;
  }
}
