package io.faultline.generator;

import java.util.SplittableRandom;

/**
 * The identity of one client worker thread as seen by a generator: its index in
 * {@code [0, concurrency)} and its own random stream derived from the test seed, so the operations a
 * worker is handed depend only on (seed, worker) and never on thread interleaving.
 */
public record Worker(int index, int concurrency, long seed) {

  public Worker {
    if (index < 0 || index >= concurrency) {
      throw new IllegalArgumentException("worker " + index + " outside [0," + concurrency + ")");
    }
  }

  /** A fresh random stream for this worker and a named purpose ("values", "stagger", ...). */
  public SplittableRandom random(String purpose) {
    long mixed = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + purpose.hashCode();
    return new SplittableRandom(mixed);
  }
}
