package io.faultline.node.consensus;

/**
 * What {@code GET /admin/status} reports about the protocol. {@code role} is one of
 * {@code leader}, {@code follower}, {@code candidate}, {@code pre-candidate} (raft),
 * {@code proposer}/{@code acceptor} (paxos) or {@code peer} (naive); {@code leader} is null when
 * unknown.
 */
public record ConsensusStatus(
    String role, long term, String leader, long commitIndex, long appliedIndex) {}
