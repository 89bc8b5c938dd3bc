package io.faultline.node.raft;

/**
 * The command may or may not take effect (the client must record {@code info}): it may sit in a
 * log that has not been decided yet, or the answer was lost. Never thrown for a command that
 * certainly stayed out of every log — that is {@code DefiniteFailureException}.
 */
public final class UnknownOutcomeException extends RuntimeException {
  public UnknownOutcomeException(String reason) {
    super(reason, null, false, false);
  }
}
