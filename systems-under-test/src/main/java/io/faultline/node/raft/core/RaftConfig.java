package io.faultline.node.raft.core;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Static configuration of one core. Times are in ticks of the logical clock.
 *
 * @param id this node
 * @param voters every member, this one included (static membership)
 * @param electionTicks base election timeout; the randomised timeout lies in
 *     [electionTicks, 2 × electionTicks)
 * @param heartbeatTicks leader heartbeat interval
 * @param maxInflight appends in flight per follower before the leader waits for acks
 * @param maxEntriesPerAppend batching limit (entries per AppendEntries)
 * @param maxBytesPerAppend batching limit (payload bytes per AppendEntries)
 * @param leaseReads serve reads on the leader lease instead of a heartbeat round (unsafe under
 *     clock skew: it trusts that followers' clocks run no faster than the leader's)
 * @param bugs deliberate defects switched on
 */
public record RaftConfig(
    String id,
    List<String> voters,
    int electionTicks,
    int heartbeatTicks,
    int maxInflight,
    int maxEntriesPerAppend,
    long maxBytesPerAppend,
    boolean leaseReads,
    Set<RaftBug> bugs) {

  public RaftConfig {
    voters = List.copyOf(voters);
    bugs = bugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bugs));
    if (!voters.contains(id)) {
      throw new IllegalArgumentException("voters " + voters + " must contain this node " + id);
    }
    if (heartbeatTicks <= 0 || electionTicks <= heartbeatTicks) {
      throw new IllegalArgumentException(
          "need 0 < heartbeatTicks < electionTicks, got " + heartbeatTicks + ", " + electionTicks);
    }
    if (maxInflight <= 0 || maxEntriesPerAppend <= 0 || maxBytesPerAppend <= 0) {
      throw new IllegalArgumentException("batching limits must be positive");
    }
  }

  /** Defaults for tests: 10-tick election timeout, 1-tick heartbeats. */
  public static RaftConfig defaults(String id, List<String> voters) {
    return new RaftConfig(id, voters, 10, 1, 64, 256, 1 << 20, false, Set.of());
  }

  public RaftConfig withBugs(Set<RaftBug> newBugs) {
    return new RaftConfig(
        id, voters, electionTicks, heartbeatTicks, maxInflight, maxEntriesPerAppend,
        maxBytesPerAppend, leaseReads, newBugs);
  }

  public boolean has(RaftBug bug) {
    return bugs.contains(bug);
  }

  public int quorum() {
    return voters.size() / 2 + 1;
  }
}
