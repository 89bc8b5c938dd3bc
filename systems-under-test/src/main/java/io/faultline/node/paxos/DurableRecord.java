package io.faultline.node.paxos;

/**
 * What a Paxos node writes to its log before it may act on it (send a reply, apply, answer a
 * client). Replaying the records in order with {@link DurableState} rebuilds the acceptor.
 */
public sealed interface DurableRecord {
  /** The acceptor promised never to accept below {@code ballot}. */
  record Promised(Ballot ballot) implements DurableRecord {}

  /** The acceptor accepted {@code value} for {@code slot} at {@code ballot}. */
  record Accepted(long slot, Ballot ballot, SlotValue value) implements DurableRecord {}

  /** {@code value} is the decided value of {@code slot} (learned from a peer, not accepted). */
  record Chosen(long slot, SlotValue value) implements DurableRecord {}

  /** Every slot up to {@code slot} is decided, with the value last recorded for it. */
  record ChosenUpTo(long slot) implements DurableRecord {}
}
