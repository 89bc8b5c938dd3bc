package io.faultline.node.raft.core;

import java.util.List;

/**
 * Every message one core sends another. {@code from}/{@code to} are node ids (on the wire the
 * sender comes from the transport frame and the receiver is the local node, so neither is encoded).
 * A record per type; the core dispatches with an exhaustive switch.
 */
public sealed interface RaftMessage {
  String from();

  String to();

  long term();

  /** The message's type, for exhaustive switches and the wire tag (Java 17 has no type patterns). */
  Type type();

  enum Type {
    REQUEST_VOTE,
    VOTE_RESPONSE,
    APPEND_ENTRIES,
    APPEND_RESPONSE,
    HEARTBEAT,
    HEARTBEAT_RESPONSE,
    INSTALL_SNAPSHOT
  }

  /**
   * A (pre-)vote request. A pre-vote asks "would you vote for me in {@code term}?" without anyone
   * changing term, so a node that cannot win (e.g. it was partitioned) does not disrupt the leader.
   */
  record RequestVote(
      String from, String to, long term, long lastIndex, long lastTerm, boolean preVote)
      implements RaftMessage {
    @Override
    public Type type() {
      return Type.REQUEST_VOTE;
    }
  }

  /** Answer to {@link RequestVote}; a granted pre-vote carries the term that was asked about. */
  record VoteResponse(String from, String to, long term, boolean granted, boolean preVote)
      implements RaftMessage {
    @Override
    public Type type() {
      return Type.VOTE_RESPONSE;
    }
  }

  /** Log replication with the consistency check on ({@code prevIndex}, {@code prevTerm}). */
  record AppendEntries(
      String from, String to, long term, long prevIndex, long prevTerm, List<Entry> entries,
      long commit)
      implements RaftMessage {
    @Override
    public Type type() {
      return Type.APPEND_ENTRIES;
    }

    public AppendEntries {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Answer to {@link AppendEntries} or {@link InstallSnapshot}. On success {@code index} is the
   * highest index known to match the leader's log. On rejection {@code index} is the rejected
   * {@code prevIndex} and the hints let the leader skip a whole conflicting term at once:
   * {@code hintTerm} is the follower's term at {@code prevIndex} (0 if its log is shorter) and
   * {@code hintIndex} the first index the follower holds in that term (or its last index + 1).
   */
  record AppendResponse(
      String from, String to, long term, boolean success, long index, long hintIndex,
      long hintTerm)
      implements RaftMessage {
    @Override
    public Type type() {
      return Type.APPEND_RESPONSE;
    }
  }

  /**
   * Leader liveness, commit propagation ({@code commit} never exceeds what the follower is known
   * to match) and the confirmation round for reads and leases: {@code round} is echoed back,
   * {@code sentTick} is the leader's tick when it was sent.
   */
  record Heartbeat(String from, String to, long term, long commit, long round, long sentTick)
      implements RaftMessage {
    @Override
    public Type type() {
      return Type.HEARTBEAT;
    }
  }

  record HeartbeatResponse(String from, String to, long term, long round, long sentTick)
      implements RaftMessage {
    @Override
    public Type type() {
      return Type.HEARTBEAT_RESPONSE;
    }
  }

  /** The leader's snapshot, for a follower that needs entries the leader has compacted away. */
  record InstallSnapshot(String from, String to, long term, Snapshot snapshot)
      implements RaftMessage {
    @Override
    public Type type() {
      return Type.INSTALL_SNAPSHOT;
    }
  }
}
