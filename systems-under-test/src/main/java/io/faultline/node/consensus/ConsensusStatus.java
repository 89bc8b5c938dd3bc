package io.faultline.node.consensus;

/**
 * What {@code GET /admin/status} reports about the protocol. {@code role} is one of
 * {@code leader}, {@code follower}, {@code candidate}, {@code pre-candidate} (raft),
 * {@code proposer}/{@code acceptor} (paxos) or {@code peer} (naive); {@code leader} is null when
 * unknown. {@code ledTerms} lists the terms this node has led since it started (raft; empty for
 * protocols whose terms are not owned by one leader), so a harness sampling the status every few
 * hundred milliseconds still sees two leaders of one term that overlapped for a few.
 *
 * <p>{@code durableTerm} and {@code durableVote} are the protocol state this node has made durable
 * and acted upon as durable (Raft: the term and vote of its last persisted hard state; Paxos: the
 * round of its last synced promise; {@code -1} and null when the protocol keeps none or it is not
 * known yet). They must never go back for a node, across restarts included: a node that lost them
 * can vote twice in one term or break a promise.
 */
public record ConsensusStatus(String role, long term, String leader, long commitIndex, long appliedIndex,
    java.util.List<Long> ledTerms, long durableTerm, String durableVote) {

  public ConsensusStatus {
    ledTerms = java.util.List.copyOf(ledTerms);
  }

  public ConsensusStatus(String role, long term, String leader, long commitIndex, long appliedIndex,
      java.util.List<Long> ledTerms) {
    this(role, term, leader, commitIndex, appliedIndex, ledTerms, -1, null);
  }

  public ConsensusStatus(String role, long term, String leader, long commitIndex, long appliedIndex) {
    this(role, term, leader, commitIndex, appliedIndex, java.util.List.of());
  }
}
