package io.faultline.node.raft.sim;

import io.faultline.node.raft.core.Entry;
import io.faultline.node.raft.core.RaftCore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks Raft's safety properties as a simulated run goes (Raft paper, Figure 3): election
 * safety, log matching, leader completeness, state-machine safety; plus the client-visible ones:
 * no acknowledged write lost, and no read that misses a write acknowledged before it began.
 * A violation throws {@link SafetyViolation}.
 */
final class SafetyChecker {
  /** A broken invariant; the message names it. */
  static final class SafetyViolation extends AssertionError {
    SafetyViolation(String message) {
      super(message);
    }
  }

  private record Slot(long index, long term) {}

  private record SlotInfo(long prevTerm, byte[] data) {}

  private record Applied(long term, byte[] data) {}

  private final Map<Long, String> leaderOfTerm = new HashMap<>();
  private final Map<Slot, SlotInfo> slots = new HashMap<>();
  private final TreeMap<Long, Applied> applied = new TreeMap<>();
  private final Map<Long, Long> ackedWrites = new HashMap<>(); // value -> index
  private long maxAckedIndex;

  /** Election safety, and leader completeness for a leader seen for the first time. */
  void onLeader(RaftCore core) {
    String previous = leaderOfTerm.putIfAbsent(core.term(), core.id());
    if (previous == null) {
      for (Map.Entry<Long, Applied> e : applied.entrySet()) {
        long index = e.getKey();
        if (index <= core.snapshotIndex()) {
          continue;
        }
        if (core.termAt(index) != e.getValue().term()) {
          fail("leader completeness: " + core.id() + " leads term " + core.term()
              + " without committed entry " + index + " (term " + e.getValue().term() + ", has "
              + core.termAt(index) + ")");
        }
      }
    } else if (!previous.equals(core.id())) {
      fail("election safety: " + previous + " and " + core.id() + " both lead term " + core.term());
    }
  }

  /**
   * Log matching, checked incrementally: one (index, term) always holds the same command and
   * follows the same term, which by induction makes equal slots imply equal prefixes.
   */
  void onPersisted(RaftCore core, Entry e) {
    long prevTerm = core.termAt(e.index() - 1);
    SlotInfo info = new SlotInfo(prevTerm, e.data());
    SlotInfo known = slots.putIfAbsent(new Slot(e.index(), e.term()), info);
    if (known == null) {
      return;
    }
    if (!Arrays.equals(known.data(), e.data())
        || (known.prevTerm() >= 0 && prevTerm >= 0 && known.prevTerm() != prevTerm)) {
      fail("log matching: " + core.id() + " holds a different entry at index " + e.index()
          + " term " + e.term());
    }
  }

  /** State-machine safety: every node applies the same command at each index. */
  void onApplied(String node, Entry e) {
    Applied a = new Applied(e.term(), e.data());
    Applied known = applied.putIfAbsent(e.index(), a);
    if (known != null && (known.term() != a.term() || !Arrays.equals(known.data(), a.data()))) {
      fail("state-machine safety: " + node + " applied (term " + a.term() + ") at index "
          + e.index() + " where another node applied (term " + known.term() + ")");
    }
  }

  void onWriteAcked(long value, long index) {
    ackedWrites.put(value, index);
    maxAckedIndex = Math.max(maxAckedIndex, index);
  }

  /** Highest log index of any write acknowledged so far (a read must observe it). */
  long maxAckedIndex() {
    return maxAckedIndex;
  }

  /** Linearizable reads: served state must include every write acknowledged before invocation. */
  void onRead(String node, long servedAppliedIndex, long requiredIndex, long invokedAt) {
    if (servedAppliedIndex < requiredIndex) {
      fail("stale read: " + node + " served a read invoked at t=" + invokedAt
          + " from applied index " + servedAppliedIndex + " but a write at index "
          + requiredIndex + " was acknowledged before it began");
    }
  }

  /** At the end: every acknowledged write is in the state machine of a node that applied it all. */
  void checkAckedWritesPresent(String node, java.util.List<Long> stateMachine) {
    java.util.Set<Long> present = new java.util.HashSet<>(stateMachine);
    for (Map.Entry<Long, Long> w : ackedWrites.entrySet()) {
      if (!present.contains(w.getKey())) {
        fail("lost write: value " + w.getKey() + " acknowledged at index " + w.getValue()
            + " is missing from " + node + "'s state machine");
      }
    }
  }

  int ackedCount() {
    return ackedWrites.size();
  }

  private static void fail(String message) {
    throw new SafetyViolation(message);
  }
}
