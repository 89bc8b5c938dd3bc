package io.faultline.checker.txn;

import java.time.Duration;

/**
 * How much time and memory a check may spend. When either runs out the checker stops, answers
 * unknown and reports what it did establish. Memory is counted as the estimated size of the
 * dependency graph and search state, which dominate the checker's allocations.
 */
public record Budget(Duration time, long memoryBytes) {

  public Budget {
    if (time.isNegative() || memoryBytes <= 0) {
      throw new IllegalArgumentException("budget must be positive: " + time + ", " + memoryBytes);
    }
  }

  /** A generous default: 5 minutes and a quarter of the JVM's maximum heap. */
  public static Budget defaults() {
    return new Budget(Duration.ofMinutes(5), Runtime.getRuntime().maxMemory() / 4);
  }

  public static Budget of(Duration time, long memoryBytes) {
    return new Budget(time, memoryBytes);
  }
}
