package io.faultline.node;

/**
 * Timing and size knobs, all in node-clock milliseconds or bytes. Protocols read the ones that
 * mean something to them and ignore the rest.
 *
 * @param tickMs logical clock tick of the consensus core
 * @param heartbeatMs leader heartbeat interval
 * @param electionTimeoutMs base election / leader-failure timeout (protocols add jitter)
 * @param requestTimeoutMs how long the HTTP layer waits for a consensus future before answering
 *     504 indeterminate
 * @param maxRequestBytes largest accepted HTTP request body (413 beyond)
 * @param maxFrameBytes largest peer frame, sent or received
 * @param snapshotEvery take a state-machine snapshot (and compact) every this many applied entries
 * @param httpReadTimeoutMs how long an HTTP client may take to send a request head, and then its
 *     body (408 and the connection closed beyond)
 * @param httpIdleTimeoutMs how long an HTTP keep-alive connection may sit idle between requests
 * @param maxConnections HTTP connections open at most; beyond, the longest-idle connection with
 *     no request in progress is closed to make room (see {@code io.faultline.http.NioHttpServer})
 */
public record Tuning(
    int tickMs,
    int heartbeatMs,
    int electionTimeoutMs,
    int requestTimeoutMs,
    int maxRequestBytes,
    int maxFrameBytes,
    int snapshotEvery,
    int httpReadTimeoutMs,
    int httpIdleTimeoutMs,
    int maxConnections) {

  public static Tuning defaults() {
    return new Tuning(10, 50, 500, 5_000, 1 << 20, 64 << 20, 10_000, 10_000, 60_000, 4_096);
  }

  /** The knobs above with the HTTP connection limits at their defaults. */
  public Tuning(
      int tickMs,
      int heartbeatMs,
      int electionTimeoutMs,
      int requestTimeoutMs,
      int maxRequestBytes,
      int maxFrameBytes,
      int snapshotEvery) {
    this(tickMs, heartbeatMs, electionTimeoutMs, requestTimeoutMs, maxRequestBytes, maxFrameBytes, snapshotEvery,
        10_000, 60_000, 4_096);
  }

  public Tuning {
    positive("tick-ms", tickMs);
    positive("heartbeat-ms", heartbeatMs);
    positive("election-ms", electionTimeoutMs);
    positive("request-timeout-ms", requestTimeoutMs);
    positive("max-request-bytes", maxRequestBytes);
    positive("max-frame-bytes", maxFrameBytes);
    positive("snapshot-every", snapshotEvery);
    positive("http-read-timeout-ms", httpReadTimeoutMs);
    positive("http-idle-timeout-ms", httpIdleTimeoutMs);
    positive("max-connections", maxConnections);
  }

  private static void positive(String flag, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("--" + flag + " must be positive, was " + value);
    }
  }
}
