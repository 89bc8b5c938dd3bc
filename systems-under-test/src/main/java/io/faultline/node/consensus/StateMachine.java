package io.faultline.node.consensus;

/**
 * The replicated state machine behind a {@link Consensus}. The protocol calls every method from
 * one thread at a time, in log order; implementations need no locking of their own against the
 * protocol, but {@link #query} may run concurrently with nothing else the protocol does.
 *
 * <p>{@link #apply} must be deterministic: every node applies the same commands in the same order
 * and must reach the same state and produce the same output.
 */
public interface StateMachine {

  /** Applies the command decided at {@code index} (1-based, dense) and returns its output. */
  byte[] apply(long index, byte[] command);

  /**
   * Index {@code index} was decided without a command for the state machine (Raft's no-op of a
   * new leader). Nothing changes; a protocol calls it so that, with {@link #apply}, every index is
   * seen once, in order, by wrappers that follow the log itself ({@link DigestingStateMachine}).
   */
  default void applyNoop(long index) {}

  /** Answers a read-only query from the current state. */
  byte[] query(byte[] query);

  /** Serialises the whole state (including de-duplication tables) for a snapshot. */
  byte[] snapshot();

  /** Replaces the whole state by a snapshot taken with {@link #snapshot}. */
  void restore(byte[] snapshot);
}
