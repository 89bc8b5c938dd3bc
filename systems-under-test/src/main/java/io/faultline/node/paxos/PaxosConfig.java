package io.faultline.node.paxos;

import java.util.EnumSet;
import java.util.Set;

/**
 * Static parameters of one Paxos node; all durations are in core ticks.
 *
 * @param self this node's index in {@code 0..clusterSize-1}
 * @param heartbeatTicks leader heartbeat (and Phase 2 retransmission) interval
 * @param electionTicks base leader-failure timeout; each wait adds a random share of it
 * @param leaseTicks how long a confirmed heartbeat round lets a leader read locally in lease mode
 * @param window most slots a leader keeps in flight (pipelining)
 * @param maxBatch most commands a leader packs into one slot
 */
public record PaxosConfig(
    int self,
    int clusterSize,
    int heartbeatTicks,
    int electionTicks,
    int leaseTicks,
    int window,
    int maxBatch,
    ReadPolicy readPolicy,
    Set<PaxosBug> bugs) {

  public PaxosConfig {
    if (clusterSize < 1 || self < 0 || self >= clusterSize) {
      throw new IllegalArgumentException("node index " + self + " outside cluster of " + clusterSize);
    }
    if (heartbeatTicks < 1 || electionTicks <= heartbeatTicks || leaseTicks >= electionTicks) {
      throw new IllegalArgumentException(
          "need 1 <= heartbeat < election and lease < election ticks, got heartbeat="
              + heartbeatTicks + " election=" + electionTicks + " lease=" + leaseTicks);
    }
    bugs = bugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bugs));
  }

  public static PaxosConfig defaults(int self, int clusterSize) {
    return new PaxosConfig(self, clusterSize, 5, 50, 40, 64, 512, ReadPolicy.CONFIRMED, Set.of());
  }

  public PaxosConfig withReadPolicy(ReadPolicy policy) {
    return new PaxosConfig(self, clusterSize, heartbeatTicks, electionTicks, leaseTicks, window, maxBatch, policy, bugs);
  }

  public PaxosConfig withBugs(Set<PaxosBug> newBugs) {
    return new PaxosConfig(self, clusterSize, heartbeatTicks, electionTicks, leaseTicks, window, maxBatch, readPolicy, newBugs);
  }

  public int majority() {
    return clusterSize / 2 + 1;
  }

  public boolean has(PaxosBug bug) {
    return bugs.contains(bug);
  }
}
