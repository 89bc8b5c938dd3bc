package io.faultline.node.raft.core;

/** The state machine as of {@code index} (whose entry had {@code term}), serialised. */
public record Snapshot(long index, long term, byte[] data) {
  public static final Snapshot EMPTY = new Snapshot(0, 0, null);
}
