package io.faultline.checker.linear;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How much one check may spend: wall time, and memory for memo tables, estimated as entries ×
 * bytes per entry (never by catching OutOfMemoryError). Shared by the parts of one check, which
 * run in parallel; {@link #until} gives one part an earlier deadline of its own while the memory
 * stays shared. The clock is injected so tests control time.
 */
final class Budget {
  private final long deadlineNanos;
  private final boolean unlimited;
  private final long memoryLimit;
  private final LongSupplier clock;
  private final AtomicLong memoryUsed;

  Budget(Duration time, long memoryBytes, LongSupplier clock) {
    this.clock = clock;
    long now = clock.getAsLong();
    long t = time.toNanos();
    this.unlimited = Long.MAX_VALUE - now < t;
    this.deadlineNanos = unlimited ? Long.MAX_VALUE : now + t;
    this.memoryLimit = memoryBytes;
    this.memoryUsed = new AtomicLong();
  }

  private Budget(Budget shared, long deadlineNanos) {
    this.clock = shared.clock;
    this.unlimited = false;
    this.deadlineNanos = deadlineNanos;
    this.memoryLimit = shared.memoryLimit;
    this.memoryUsed = shared.memoryUsed;
  }

  /**
   * The same memory budget with a deadline no later than {@code deadline} (clock nanos);
   * {@link Long#MAX_VALUE} means no earlier deadline.
   */
  Budget until(long deadline) {
    if (deadline == Long.MAX_VALUE || (!unlimited && deadline - deadlineNanos >= 0)) {
      return this;
    }
    return new Budget(this, deadline);
  }

  long now() {
    return clock.getAsLong();
  }

  boolean timeUp() {
    return !unlimited && clock.getAsLong() - deadlineNanos > 0;
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
