package io.faultline.net;

import java.io.IOException;

/**
 * Applies network faults to the links between nodes. Calls replace earlier faults of the same
 * kind: a new grudge replaces the previous one. Thread safe.
 */
public interface Net {

  /**
   * Drops every message on the links the grudge cuts; heals all other links. Moving from one
   * grudge to the next cuts the new links before it restores the old ones.
   */
  void partition(Grudge grudge) throws IOException;

  /** Adds {@code latencyMs ± jitterMs} to every message on every link. */
  void slow(long latencyMs, long jitterMs) throws IOException;

  /**
   * Adds a different latency to each directed link, {@code msByLink} keyed {@code "a->b"} (links
   * not named get none), each {@code ± jitterMs}. Uneven links let two nodes that cannot hear each
   * other quickly both act before either learns of the other (say, two leaders of one term).
   */
  void slowEach(java.util.Map<String, Long> msByLink, long jitterMs) throws IOException;

  /**
   * Removes the partition only: latency stays. Partition and latency faults run on their own
   * schedules and overlap, so ending one must not end the other.
   */
  void healPartition() throws IOException;

  /** Removes the latency only: a partition in effect stays. */
  void healLatency() throws IOException;

  /** Removes every fault: partitions and latency. */
  void heal() throws IOException;
}
