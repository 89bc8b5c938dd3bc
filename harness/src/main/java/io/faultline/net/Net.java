package io.faultline.net;

import java.io.IOException;

/**
 * Applies network faults to the links between nodes. Calls replace earlier faults of the same
 * kind: a new grudge replaces the previous one. Thread safe.
 */
public interface Net {

  /** Drops every message on the links the grudge cuts; heals all other links. */
  void partition(Grudge grudge) throws IOException;

  /** Adds {@code latencyMs ± jitterMs} to every message on every link. */
  void slow(long latencyMs, long jitterMs) throws IOException;

  /** Removes every fault: partitions and latency. */
  void heal() throws IOException;
}
