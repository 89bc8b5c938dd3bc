package io.faultline.api;

/**
 * The harness itself failed (bad configuration, a node that would not start, I/O): the run has no
 * verdict. Its message is one line saying what was wrong; the CLI's exit code 3.
 */
public final class FaultlineException extends RuntimeException {
  public FaultlineException(String message) {
    super(message);
  }

  public FaultlineException(String message, Throwable cause) {
    super(message, cause);
  }
}
