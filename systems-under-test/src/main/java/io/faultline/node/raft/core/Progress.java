package io.faultline.node.raft.core;

import java.util.ArrayDeque;

/**
 * The leader's view of one follower's log. {@code PROBE}: one append at a time until the match
 * point is found; {@code REPLICATE}: optimistic pipelining of up to {@code maxInflight} appends;
 * {@code SNAPSHOT}: a snapshot is on its way, nothing else is sent.
 */
final class Progress {
  enum State {
    PROBE,
    REPLICATE,
    SNAPSHOT
  }

  long match;
  long next;
  State state = State.PROBE;
  boolean probeSent;
  long pendingSnapshot;
  int snapshotWaitRounds;
  /** Last index of each append in flight, oldest first (REPLICATE only). */
  final ArrayDeque<Long> inflight = new ArrayDeque<>();
  /** Heard from since the last check-quorum. */
  boolean recentActive;
  /** Highest heartbeat round acknowledged, and the leader tick when that round was sent. */
  long ackedRound;
  long ackedSentTick = Long.MIN_VALUE / 2;
  /** Match index at the previous heartbeat response, to detect a stalled pipeline. */
  long matchAtLastHeartbeat = -1;

  Progress(long next) {
    this.next = next;
  }

  void becomeProbe() {
    state = State.PROBE;
    probeSent = false;
    inflight.clear();
    next = match + 1;
  }

  void becomeReplicate() {
    state = State.REPLICATE;
    inflight.clear();
    next = match + 1;
  }

  void becomeSnapshot(long snapshotIndex) {
    state = State.SNAPSHOT;
    inflight.clear();
    pendingSnapshot = snapshotIndex;
    snapshotWaitRounds = 0;
  }

  /** Records an acknowledged match; returns whether it advanced. */
  boolean maybeUpdate(long index) {
    boolean advanced = index > match;
    if (advanced) {
      match = index;
      probeSent = false;
    }
    next = Math.max(next, index + 1);
    while (!inflight.isEmpty() && inflight.peekFirst() <= index) {
      inflight.pollFirst();
    }
    return advanced;
  }

  boolean isPaused(int maxInflight) {
    return switch (state) {
      case PROBE -> probeSent;
      case REPLICATE -> inflight.size() >= maxInflight;
      case SNAPSHOT -> true;
    };
  }
}
