package io.faultline.node.raft.wire;

/**
 * Client work a follower hands to the leader, and the leader's answer. {@code requestId} is
 * chosen by the forwarding node and only means something to it. The command itself carries the
 * client's de-duplication id, so a command forwarded twice is still applied at most once.
 */
public sealed interface ForwardMessage {

  /** A command to propose ({@code read == false}) or a query to answer linearizably. */
  record ForwardRequest(long requestId, boolean read, byte[] payload) implements ForwardMessage {}

  /**
   * The outcome: {@code OK} with the output; {@code DEFINITE_FAILURE} when the leader did not put
   * it in any log (or, for a read, did not serve it); {@code UNKNOWN} otherwise. {@code payload}
   * holds the output or a UTF-8 reason.
   */
  record ForwardReply(long requestId, Outcome outcome, byte[] payload) implements ForwardMessage {}

  enum Outcome {
    OK,
    DEFINITE_FAILURE,
    UNKNOWN
  }
}
