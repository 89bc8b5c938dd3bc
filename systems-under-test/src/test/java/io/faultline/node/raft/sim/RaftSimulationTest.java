package io.faultline.node.raft.sim;

import static org.assertj.core.api.Assertions.fail;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whole clusters under random faults, one seed per run. A failing seed prints itself; replay it
 * with {@code SimCluster(SimParams.random(seed, nodes, lease, bugs)).run()}.
 */
class RaftSimulationTest {
  static final int SEEDS = Integer.getInteger("raft.sim.seeds", 300);

  static void sweep(int nodes, boolean lease, long from, int count) {
    for (long seed = from; seed < from + count; seed++) {
      SimParams p = SimParams.random(seed, nodes, lease, Set.of());
      try {
        new SimCluster(p).run();
      } catch (AssertionError | RuntimeException e) {
        fail("replay with " + p + ": " + e.getMessage(), e);
      }
    }
  }

  @Test
  void threeNodesStaySafeUnderRandomFaults() {
    sweep(3, false, 0, SEEDS);
  }

  @Test
  void fiveNodesStaySafeUnderRandomFaults() {
    sweep(5, false, 10_000, SEEDS);
  }

  @Test
  void leaseReadsAreLinearizableWhenClocksAgree() {
    sweep(3, true, 20_000, SEEDS / 2);
  }
}
