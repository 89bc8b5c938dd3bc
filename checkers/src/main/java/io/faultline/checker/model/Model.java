package io.faultline.checker.model;

import io.faultline.checker.history.Operation;

/**
 * A sequential specification, as in Porcupine: an initial state and a step function. The search
 * never looks inside states or inputs, so adding a model never touches it.
 *
 * <p>Contract: states are immutable, non-null values with content-based {@code equals} and
 * {@code hashCode} (the search memoises on them). {@link #prepare} turns a paired operation into
 * this model's compact input once, before the search; {@link #step} is then called millions of
 * times and must be cheap and side-effect free. For an operation whose outcome is unknown
 * ({@link Operation#known()} false), {@code step} must be legal in every state: apply the effect
 * if it could happen, else leave the state unchanged ("never happened" is covered by the search
 * leaving the operation out). Prepared inputs that are equal ({@code equals}, arrays element by
 * element) must step alike: the search treats crashed operations with equal inputs as
 * interchangeable. A model may also implement {@link Reduction} to let the search set aside
 * operations that cannot matter and force read-only ones.
 *
 * @param <S> state type
 * @param <I> prepared input type
 */
public interface Model<S, I> {

  /** The name used by {@link Models#byName}. */
  String name();

  S init();

  /**
   * This model's input for {@code op}.
   *
   * @throws IllegalArgumentException with a one-line reason when the model does not understand
   *     the operation (unknown f, malformed value)
   */
  I prepare(Operation op);

  /** The state after {@code input}, or {@code null} when it is illegal in {@code state}. */
  S step(S state, I input);

  /**
   * Which independent part of the history {@code op} belongs to (P-compositionality); operations
   * in different parts are checked separately. Null means one part. Defaults to the op's key.
   */
  default Object partition(Operation op) {
    return op.key();
  }

  /** Human-readable state, for evidence. */
  default String describe(S state) {
    return String.valueOf(state);
  }

  /** Estimated bytes a state keeps alive in the memo table (memory budget). */
  default long stateBytes(S state) {
    return 32;
  }
}
