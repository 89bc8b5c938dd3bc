package io.faultline.node.raft.sim;

import org.junit.jupiter.api.Test;

/**
 * The larger seed sweep (about a thousand runs; {@code -Draft.sim.sweep=N} scales it). Seeds are
 * disjoint from {@link RaftSimulationTest}'s.
 */
class RaftSimulationSweepIT {
  private static final int SCALE = Integer.getInteger("raft.sim.sweep", 1000);

  @Test
  void threeNodes() {
    RaftSimulationTest.sweep(3, false, 100_000, SCALE / 2);
  }

  @Test
  void fiveNodes() {
    RaftSimulationTest.sweep(5, false, 200_000, SCALE * 3 / 10);
  }

  @Test
  void threeNodesLeaseReads() {
    RaftSimulationTest.sweep(3, true, 300_000, SCALE / 5);
  }
}
