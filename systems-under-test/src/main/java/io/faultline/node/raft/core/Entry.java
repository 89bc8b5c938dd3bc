package io.faultline.node.raft.core;

/**
 * One slot of the replicated log. {@code data == null} marks the no-op a new leader appends to
 * commit entries of earlier terms (Raft §5.4.2); it is never handed to the state machine.
 */
public record Entry(long index, long term, byte[] data) {
  public boolean isNoop() {
    return data == null;
  }

  public int size() {
    return data == null ? 0 : data.length;
  }
}
