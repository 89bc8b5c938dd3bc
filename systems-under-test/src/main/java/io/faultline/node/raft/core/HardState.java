package io.faultline.node.raft.core;

/**
 * What must be durable before any message that depends on it is sent: the current term and the
 * vote cast in it. {@code vote} is null when none was cast. (The commit index is not persisted:
 * it is relearned from the leader, and a restarted node re-applies from its snapshot.)
 */
public record HardState(long term, String vote) {}
