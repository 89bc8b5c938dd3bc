package io.faultline.node.transport;

/**
 * Exponential reconnect back-off: {@code initial, 2×initial, ...} capped at {@code max}; reset
 * after a successful connection. Pure value arithmetic so it is testable without sleeping.
 */
public final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private long nextMs;

  public Backoff(long initialMs, long maxMs) {
    if (initialMs <= 0 || maxMs < initialMs) {
      throw new IllegalArgumentException("need 0 < initial <= max, got " + initialMs + ", " + maxMs);
    }
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.nextMs = initialMs;
  }

  /** The delay to wait before the next attempt; doubles the one after. */
  public long nextDelayMs() {
    long delay = nextMs;
    nextMs = Math.min(maxMs, nextMs * 2);
    return delay;
  }

  public void reset() {
    nextMs = initialMs;
  }
}
