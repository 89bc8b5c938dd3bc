package io.faultline.node.consensus;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code capacity} checkpoints, oldest first. Written by the applying thread, read by
 * HTTP threads, so every method takes the ring's lock; a write happens only once per checkpoint
 * interval, so the lock is almost never contended on the apply path.
 */
final class CheckpointRing {
  private final int capacity;
  private final ArrayDeque<AppliedDigest> ring;

  CheckpointRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.ring = new ArrayDeque<>(capacity);
  }

  synchronized void add(AppliedDigest checkpoint) {
    if (ring.size() == capacity) {
      ring.removeFirst();
    }
    ring.addLast(checkpoint);
  }

  /** Forgets checkpoints above {@code index}: they will be applied (and recorded) again. */
  synchronized void dropAbove(long index) {
    while (!ring.isEmpty() && ring.peekLast().index() > index) {
      ring.removeLast();
    }
  }

  synchronized List<AppliedDigest> snapshot() {
    return List.copyOf(ring);
  }
}
