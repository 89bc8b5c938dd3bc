package io.faultline.proxy.toxic;

/**
 * The typed, validated attributes of each toxic type. Units are the real server's: milliseconds
 * everywhere except {@link Slicer#delay} (microseconds), bandwidth {@code rate} in KB/s (1000
 * bytes), sizes in bytes.
 */
public sealed interface ToxicAttributes {
  record Latency(long latency, long jitter) implements ToxicAttributes {}

  record Bandwidth(long rate) implements ToxicAttributes {}

  record SlowClose(long delay) implements ToxicAttributes {}

  record Timeout(long timeout) implements ToxicAttributes {}

  record ResetPeer(long timeout) implements ToxicAttributes {}

  record Slicer(long averageSize, long sizeVariation, long delay) implements ToxicAttributes {}

  record LimitData(long bytes) implements ToxicAttributes {}

  record Noop() implements ToxicAttributes {}
}
