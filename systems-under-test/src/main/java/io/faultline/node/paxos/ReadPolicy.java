package io.faultline.node.paxos;

/**
 * How reads are served. {@code CONFIRMED} (default) is linearizable: the leader confirms its
 * ballot with a majority after the read arrives and serves it once applied up to a read index.
 * {@code LEASE} trusts heartbeat timing (unsafe under clock skew); {@code LOCAL} is stale by design.
 */
public enum ReadPolicy {
  CONFIRMED,
  LEASE,
  LOCAL
}
