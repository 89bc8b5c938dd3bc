package io.faultline.node;

/** A bad command line: the message is one line naming the flag and what is allowed. */
public final class UsageException extends Exception {
  public UsageException(String message) {
    super(message, null, false, false);
  }
}
