package io.faultline.node.raft.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * ReadIndex bookkeeping on the leader (Raft thesis §6.4). A read records the commit index when
 * it arrives; it becomes a {@link ReadState} once a heartbeat round sent after its arrival was
 * acknowledged by a quorum, which proves no other leader had been elected by then.
 */
final class PendingReads {
  private record Pending(long ctx, long index, long round) {}

  /** Reads that arrived before the leader committed an entry of its own term. */
  private final List<Long> beforeFirstCommit = new ArrayList<>();
  /** Reads waiting for the first heartbeat round sent after them ({@code round == 0}). */
  private final List<Pending> unsent = new ArrayList<>();
  private final ArrayDeque<Pending> awaitingQuorum = new ArrayDeque<>();

  void deferUntilCommit(long ctx) {
    beforeFirstCommit.add(ctx);
  }

  List<Long> takeDeferred() {
    List<Long> out = List.copyOf(beforeFirstCommit);
    beforeFirstCommit.clear();
    return out;
  }

  void add(long ctx, long index) {
    unsent.add(new Pending(ctx, index, 0));
  }

  boolean needsRound() {
    return !unsent.isEmpty();
  }

  /** Every unsent read waits for {@code round}, which is being broadcast now. */
  void assignRound(long round) {
    for (Pending p : unsent) {
      awaitingQuorum.add(new Pending(p.ctx, p.index, round));
    }
    unsent.clear();
  }

  /** Releases every read whose round is ≤ {@code quorumRound} (acknowledged by a quorum). */
  void release(long quorumRound, List<ReadState> out) {
    while (!awaitingQuorum.isEmpty() && awaitingQuorum.peekFirst().round <= quorumRound) {
      Pending p = awaitingQuorum.pollFirst();
      out.add(new ReadState(p.ctx, p.index));
    }
  }

  /** Leadership lost: every pending read fails. */
  void failAll(List<Long> out) {
    out.addAll(beforeFirstCommit);
    unsent.forEach(p -> out.add(p.ctx));
    awaitingQuorum.forEach(p -> out.add(p.ctx));
    beforeFirstCommit.clear();
    unsent.clear();
    awaitingQuorum.clear();
  }
}
