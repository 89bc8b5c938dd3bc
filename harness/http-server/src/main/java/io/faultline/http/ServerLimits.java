package io.faultline.http;

import java.time.Duration;

/**
 * What one {@link NioHttpServer} allows a client, and for how long.
 *
 * @param maxConnections open connections at most; at the limit a new connection evicts the
 *     connection that has waited longest without a request in progress (see {@link NioHttpServer})
 * @param maxHeadBytes request line plus headers (400 beyond)
 * @param maxBodyBytes request body (413 beyond, decided from Content-Length before reading it)
 * @param headTimeout a connection must deliver a whole request head within this time of being
 *     accepted (first request) or of sending the first byte of a later request; 408 otherwise
 * @param bodyTimeout the whole body must arrive within this time of the head's end; 408 otherwise
 * @param idleTimeout a keep-alive connection with no request begun is closed after this long
 * @param writeTimeout a response the client does not read for this long is dropped with the
 *     connection
 * @param bufferBudgetBytes request bytes the other connections may hold before a connection
 *     that has more than {@link #FREE_BYTES_PER_CONNECTION} of a request stops reading (its
 *     deadlines still running) until they release theirs: many large slow bodies cannot exhaust
 *     the heap, and one large request can always finish
 * @param workers threads that run handlers
 */
public record ServerLimits(
    int maxConnections,
    int maxHeadBytes,
    int maxBodyBytes,
    Duration headTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    Duration writeTimeout,
    long bufferBudgetBytes,
    int workers) {

  /** Bytes of a request every connection may hold without touching the shared budget. */
  public static final int FREE_BYTES_PER_CONNECTION = 16 * 1024;

  public ServerLimits {
    positive("maxConnections", maxConnections);
    positive("maxHeadBytes", maxHeadBytes);
    positive("workers", workers);
    if (maxBodyBytes < 0 || bufferBudgetBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes and bufferBudgetBytes must not be negative");
    }
    for (Duration d : new Duration[] {headTimeout, bodyTimeout, idleTimeout, writeTimeout}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive, got " + d);
      }
    }
  }

  /**
   * 1,024 connections, 64 KiB heads, 1 MiB bodies, 10 s to send a head or a body, 60 s idle,
   * 10 s to read a response, 32 MiB shared buffer budget, 8 workers.
   */
  public static ServerLimits defaults() {
    return new ServerLimits(1_024, 64 * 1024, 1 << 20, Duration.ofSeconds(10), Duration.ofSeconds(10),
        Duration.ofSeconds(60), Duration.ofSeconds(10), 32L << 20, 8);
  }

  public ServerLimits withMaxConnections(int value) {
    return new ServerLimits(value, maxHeadBytes, maxBodyBytes, headTimeout, bodyTimeout, idleTimeout,
        writeTimeout, bufferBudgetBytes, workers);
  }

  public ServerLimits withMaxHeadBytes(int value) {
    return new ServerLimits(maxConnections, value, maxBodyBytes, headTimeout, bodyTimeout, idleTimeout,
        writeTimeout, bufferBudgetBytes, workers);
  }

  public ServerLimits withMaxBodyBytes(int value) {
    return new ServerLimits(maxConnections, maxHeadBytes, value, headTimeout, bodyTimeout, idleTimeout,
        writeTimeout, bufferBudgetBytes, workers);
  }

  /** Sets both read timeouts, head and body. */
  public ServerLimits withReadTimeout(Duration value) {
    return new ServerLimits(maxConnections, maxHeadBytes, maxBodyBytes, value, value, idleTimeout,
        writeTimeout, bufferBudgetBytes, workers);
  }

  public ServerLimits withIdleTimeout(Duration value) {
    return new ServerLimits(maxConnections, maxHeadBytes, maxBodyBytes, headTimeout, bodyTimeout, value,
        writeTimeout, bufferBudgetBytes, workers);
  }

  public ServerLimits withWriteTimeout(Duration value) {
    return new ServerLimits(maxConnections, maxHeadBytes, maxBodyBytes, headTimeout, bodyTimeout, idleTimeout,
        value, bufferBudgetBytes, workers);
  }

  public ServerLimits withBufferBudgetBytes(long value) {
    return new ServerLimits(maxConnections, maxHeadBytes, maxBodyBytes, headTimeout, bodyTimeout, idleTimeout,
        writeTimeout, value, workers);
  }

  public ServerLimits withWorkers(int value) {
    return new ServerLimits(maxConnections, maxHeadBytes, maxBodyBytes, headTimeout, bodyTimeout, idleTimeout,
        writeTimeout, bufferBudgetBytes, value);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
