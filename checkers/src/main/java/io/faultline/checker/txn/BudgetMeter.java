package io.faultline.checker.txn;

import java.util.function.LongSupplier;

/**
 * Tracks one check's spending against its {@link Budget}. The clock is injected so tests can
 * run out of time deterministically.
 */
final class BudgetMeter {
  private final Budget budget;
  private final LongSupplier nanoClock;
  private final long deadline;
  private long memory;
  private int ticks;

  BudgetMeter(Budget budget, LongSupplier nanoClock) {
    this.budget = budget;
    this.nanoClock = nanoClock;
    long start = nanoClock.getAsLong();
    long nanos = budget.time().toNanos();
    this.deadline = start + nanos < start ? Long.MAX_VALUE : start + nanos;
  }

  /** Cheap to call in inner loops: reads the clock only every 1024 calls. */
  void tick() {
    if ((++ticks & 1023) == 0) {
      checkTime();
    }
  }

  void checkTime() {
    if (nanoClock.getAsLong() - deadline > 0) {
      throw new BudgetExceeded("time budget of " + budget.time().toMillis() + " ms exhausted");
    }
  }

  /** Records {@code bytes} more of live memory; throws once over the budget. */
  void allocate(long bytes, String what) {
    memory += bytes;
    if (memory > budget.memoryBytes()) {
      throw new BudgetExceeded("memory budget of " + budget.memoryBytes()
          + " bytes exhausted while " + what);
    }
  }

  void release(long bytes) {
    memory -= bytes;
  }
}
