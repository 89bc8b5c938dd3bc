package io.faultline.node.consensus;

/**
 * A command certainly did not take effect and never will (see {@link Consensus}). Any other
 * exception from a protocol future means the outcome is unknown.
 */
public final class DefiniteFailureException extends RuntimeException {
  public DefiniteFailureException(String reason) {
    super(reason, null, false, false);
  }
}
