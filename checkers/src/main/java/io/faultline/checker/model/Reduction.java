package io.faultline.checker.model;

import java.util.List;

/**
 * Optional companion of a {@link Model}: names operations of one independent part that can be set
 * aside before the search because they cannot change whether the part is linearizable. Crashed
 * ({@code info}) operations are the hard case of the search (each may take effect at any point
 * after its invocation, or never), so a model that knows which of them no other operation can
 * observe saves the search from trying them.
 *
 * <p>Contract: with {@code keep} the operations not named, the part is linearizable if and only if
 * the operations in {@code keep} are. For an operation of unknown outcome one direction always
 * holds (leaving it out is its "never happened" choice), so the proof owed is the other: every
 * linearization of the whole part can be turned into one of {@code keep}. A completed operation
 * may be named only when it is legal in every state and changes none: it can then be inserted
 * into any linearization of the rest at a point inside its interval.
 *
 * @param <I> the model's prepared input type
 */
public interface Reduction<I> {

  /**
   * Which operations to set aside.
   *
   * @param inputs the prepared inputs of one part, in invocation order
   * @param known {@code known[i]} is true when operation {@code i} completed ok
   * @return {@code removable[i]} true for each operation that can be set aside
   */
  boolean[] removable(List<I> inputs, boolean[] known);

  /**
   * True when {@code input} never changes the state: in every state it is either illegal or
   * leaves the state as it is (a read, a compare that failed). The search linearises such a
   * completed operation as soon as it is legal and tries nothing else there, which is sound: in
   * any linearization from that point it can be moved to the front, since it is legal wherever it
   * stands (so changes nothing there) and every operation it would move ahead of was pending, so
   * had not returned before it was called.
   */
  default boolean readOnly(I input) {
    return false;
  }
}
