package io.faultline.node.raft.sim;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whole clusters under random faults (drops, delays, duplicates, reordering, partitions, crashes
 * with loss of unsynced data, restarts), one seed per run, every invariant checked after every
 * step. A failing seed prints itself; replay it with
 * {@code new SimCluster(SimParams.random(seed, nodes, lease, Set.of())).run()}.
 * {@link RaftSimulationSweepIT} runs many more seeds.
 */
class RaftSimulationTest {

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
    sweep(3, false, 0, Integer.getInteger("raft.sim.seeds3", 120));
  }

  @Test
  void fiveNodesStaySafeUnderRandomFaults() {
    sweep(5, false, 10_000, Integer.getInteger("raft.sim.seeds5", 60));
  }

  @Test
  void leaseReadsAreLinearizableWhenClocksAgree() {
    sweep(3, true, 20_000, Integer.getInteger("raft.sim.seedsLease", 60));
  }

  /**
   * Lease reads trust the clock: when the leader's clock runs 2.5× slow, its lease outlives the
   * followers' election timeout and a deposed leader serves a stale read. Seed 27 shows it;
   * the same run with agreeing clocks is clean.
   */
  @Test
  void leaseReadsGoStaleUnderClockSkew() {
    SimParams agreeing = SimParams.random(27, 3, true, Set.of());
    assertThatCode(() -> new SimCluster(agreeing).run()).doesNotThrowAnyException();
    assertThatThrownBy(() -> new SimCluster(agreeing.withTickPeriods(25, 10, 10)).run())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("stale read");
  }

  @Test
  void aSeedReplaysExactly() {
    SimParams p = SimParams.random(5, 3, false, Set.of());
    String first = new SimCluster(p).run();
    String second = new SimCluster(p).run();
    org.assertj.core.api.Assertions.assertThat(second).isEqualTo(first);
  }
}
