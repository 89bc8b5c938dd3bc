package io.faultline.node.raft.sim;

import io.faultline.node.raft.core.RaftBug;
import java.util.Random;
import java.util.Set;

/**
 * Everything that shapes one simulated run; derived from the seed so a seed alone replays it.
 * Times are simulated milliseconds; a node ticks every {@code tickMs} of its own clock.
 */
record SimParams(
    long seed,
    int nodes,
    double dropRate,
    double duplicateRate,
    int maxDelayMs,
    int maxEntriesPerAppend,
    int maxInflight,
    int snapshotEvery,
    boolean leaseReads,
    Set<RaftBug> bugs,
    int meanFaultIntervalMs,
    int meanOpIntervalMs,
    double readFraction,
    int durationMs,
    int[] tickMsPerNode,
    int leaderWriteMaxMs) {

  static final int TICK_MS = 10;
  static final int ELECTION_TICKS = 10;
  static final int HEARTBEAT_TICKS = 2;

  static SimParams random(long seed, int nodes, boolean leaseReads, Set<RaftBug> bugs) {
    Random r = new Random(seed * 0x9E3779B97F4A7C15L + nodes);
    int[] ticks = new int[nodes];
    java.util.Arrays.fill(ticks, TICK_MS);
    return new SimParams(
        seed,
        nodes,
        r.nextInt(3) == 0 ? 0 : r.nextDouble() * 0.15,
        r.nextDouble() * 0.05,
        1 + r.nextInt(40),
        2 + r.nextInt(r.nextBoolean() ? 4 : 64),
        2 + r.nextInt(8),
        5 + r.nextInt(40),
        leaseReads,
        bugs,
        100 + r.nextInt(900),
        2 + r.nextInt(20),
        0.2 + r.nextDouble() * 0.5,
        6_000,
        ticks,
        leaderWriteMaxMs(seed));
  }

  /**
   * Half the seeds let a leader write its own log in the background (as the real shell does),
   * finishing up to this many ms after its appends went out; 0 = synchronous. Drawn from its own
   * stream so the other parameters of a seed stay what they were before this knob existed.
   */
  private static int leaderWriteMaxMs(long seed) {
    Random r = new Random(seed ^ 0x5EEDA5F00DL);
    return r.nextBoolean() ? 0 : 1 + r.nextInt(30);
  }

  /**
   * Heavy leader churn with tiny appends, the conditions under which a leader re-replicates
   * entries of earlier terms to a majority one at a time (Raft Figure 8).
   */
  static SimParams churn(long seed, int nodes, Set<RaftBug> bugs) {
    SimParams p = random(seed, nodes, false, bugs);
    return new SimParams(
        seed, nodes, p.dropRate, p.duplicateRate, p.maxDelayMs, 1, 1, p.snapshotEvery, false,
        bugs, 60 + (int) (seed % 120), p.meanOpIntervalMs, 0.1, p.durationMs, p.tickMsPerNode,
        p.leaderWriteMaxMs);
  }

  /** The same run with every node's clock ticking at the given periods (clock skew). */
  SimParams withTickPeriods(int... periods) {
    return new SimParams(
        seed, nodes, dropRate, duplicateRate, maxDelayMs, maxEntriesPerAppend, maxInflight,
        snapshotEvery, leaseReads, bugs, meanFaultIntervalMs, meanOpIntervalMs, readFraction,
        durationMs, periods.clone(), leaderWriteMaxMs);
  }

  @Override
  public String toString() {
    return "seed=" + seed + " nodes=" + nodes + " lease=" + leaseReads + " bugs=" + bugs
        + String.format(" drop=%.3f dup=%.3f delay<=%dms batch=%d inflight=%d snapEvery=%d",
            dropRate, duplicateRate, maxDelayMs, maxEntriesPerAppend, maxInflight, snapshotEvery)
        + " leaderWrite<=" + leaderWriteMaxMs + "ms";
  }
}
