package io.faultline.checker.linear;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How much one check may spend: wall time, and memory for memo tables, estimated as entries ×
 * bytes per entry (never by catching OutOfMemoryError). Shared by the parts of one check, which
 * run in parallel. The clock is injected so tests control time.
 */
final class Budget {
  private final long deadlineNanos;
  private final long memoryLimit;
  private final LongSupplier clock;
  private final AtomicLong memoryUsed = new AtomicLong();

  Budget(Duration time, long memoryBytes, LongSupplier clock) {
    this.clock = clock;
    long now = clock.getAsLong();
    long t = time.toNanos();
    this.deadlineNanos = Long.MAX_VALUE - now < t ? Long.MAX_VALUE : now + t;
    this.memoryLimit = memoryBytes;
  }

  boolean timeUp() {
    return clock.getAsLong() - deadlineNanos > 0 && deadlineNanos != Long.MAX_VALUE;
  }

  /** Records {@code delta} more (or, negative, fewer) bytes; true while within the limit. */
  boolean charge(long delta) {
    return memoryUsed.addAndGet(delta) <= memoryLimit;
  }

  long memoryUsed() {
    return memoryUsed.get();
  }

  long memoryLimit() {
    return memoryLimit;
  }
}
