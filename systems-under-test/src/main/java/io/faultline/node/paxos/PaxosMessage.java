package io.faultline.node.paxos;

import java.util.List;

/**
 * Every message Paxos nodes exchange. The sender is not part of the message: the transport frame
 * carries it (links run through proxies, so peers are never inferred from sockets).
 */
public sealed interface PaxosMessage {

  /** An accepted (or, when {@code chosen}, known-decided) value an acceptor reports in Phase 1. */
  record AcceptedEntry(long slot, Ballot ballot, SlotValue value) {}

  /** A slot with its proposed or decided value. */
  record SlotProposal(long slot, SlotValue value) {}

  /** Phase 1a for every slot from {@code fromSlot} on. */
  record Prepare(Ballot ballot, long fromSlot) implements PaxosMessage {}

  /**
   * Phase 1b: the acceptor promised {@code ballot}. {@code chosenPrefix}: every slot up to it is
   * decided and known to the acceptor (those slots are not listed); {@code accepted}: what it
   * accepted above that prefix.
   */
  record Promise(Ballot ballot, long chosenPrefix, List<AcceptedEntry> accepted)
      implements PaxosMessage {}

  /** Refusal of a Prepare or Accept because the acceptor promised the higher {@code promised}. */
  record Reject(Ballot rejected, Ballot promised) implements PaxosMessage {}

  /** Phase 2a for a batch of slots, with the leader's commit index piggybacked. */
  record Accept(Ballot ballot, long commitIndex, List<SlotProposal> proposals)
      implements PaxosMessage {}

  /** Phase 2b: the acceptor durably accepted these slots at {@code ballot}. */
  record Accepted(Ballot ballot, List<Long> slots) implements PaxosMessage {}

  /**
   * Leader heartbeat: slots up to {@code commitIndex} are decided, and those the receiver accepted
   * at {@code ballot} hold the decided value. {@code readRound} asks for confirmation of
   * leadership for linearizable reads.
   */
  record Commit(Ballot ballot, long commitIndex, long readRound) implements PaxosMessage {}

  /** Answer to a heartbeat: the acceptor has not promised anything above {@code ballot}. */
  record CommitAck(Ballot ballot, long readRound, long chosenPrefix) implements PaxosMessage {}

  /** A lagging node asks any peer for decided values from {@code fromSlot} on. */
  record CatchUpRequest(long fromSlot) implements PaxosMessage {}

  /** Decided values, contiguous from the requested slot. */
  record CatchUpReply(List<SlotProposal> chosen) implements PaxosMessage {}

  /** The responder compacted the requested slots away: its snapshot up to {@code lastSlot}. */
  record SnapshotReply(long lastSlot, byte[] snapshot) implements PaxosMessage {}

  /**
   * A follower hands client commands to the node it believes leads {@code ballot}; only that
   * leadership may take them, which is what makes a {@link ForwardRejected} definite.
   */
  record Forward(Ballot ballot, List<Command> commands) implements PaxosMessage {}

  /** The receiver is not leader and dropped these commands; they will never be proposed. */
  record ForwardRejected(List<Long> ids) implements PaxosMessage {}

  /** A follower asks the leader for a linearizable read index. */
  record ReadRequest(long readId) implements PaxosMessage {}

  /** The leader's answer: serve the read once applied up to {@code readIndex}; -1 = refused. */
  record ReadIndexReply(long readId, long readIndex) implements PaxosMessage {}
}
