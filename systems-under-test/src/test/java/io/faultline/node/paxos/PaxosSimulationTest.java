package io.faultline.node.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Whole clusters under a hostile simulated network and crashes, over many seeds. A failure names
 * the seed; {@code new PaxosSimulation(Options.standard(n, seed)).run()} replays it exactly.
 */
class PaxosSimulationTest {

  @Test
  void threeNodeClustersStaySafeOverManySeeds() {
    runSeeds(3, 1, 50);
  }

  @Test
  void fiveNodeClustersStaySafeOverManySeeds() {
    runSeeds(5, 10_001, 20);
  }

  @Test
  void sameSeedReplaysTheSameRun() {
    PaxosSimulation.Result a = new PaxosSimulation(PaxosSimulation.Options.standard(3, 42)).run();
    PaxosSimulation.Result b = new PaxosSimulation(PaxosSimulation.Options.standard(3, 42)).run();
    assertThat(b).isEqualTo(a);
  }

  private static void runSeeds(int nodes, long firstSeed, int count) {
    long totalAcked = 0;
    long totalReads = 0;
    for (long seed = firstSeed; seed < firstSeed + count; seed++) {
      PaxosSimulation.Result r = new PaxosSimulation(PaxosSimulation.Options.standard(nodes, seed)).run();
      assertThat(r.violation()).as("%d nodes, seed %d", nodes, seed).isNull();
      assertThat(r.converged()).as("%d nodes, seed %d converged after healing", nodes, seed).isTrue();
      totalAcked += r.acked();
      totalReads += r.reads();
    }
    // the runs must do real work, not stay safe by never committing anything
    assertThat(totalAcked).isGreaterThan(count * 200L);
    assertThat(totalReads).isGreaterThan(count * 100L);
  }
}
