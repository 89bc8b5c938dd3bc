package io.faultline.node.clock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The one clock every timing decision in a node reads (DESIGN.md, "Clocks"):
 * {@code now = offset + rate × monotonic}. The clock nemesis changes offset and rate through
 * {@code POST /admin/clock} while the node runs, which is how processes sharing one kernel clock
 * get skewed, bumped and strobed clocks.
 *
 * <p>A rate change takes effect from the moment it is made (the clock does not jump when only
 * the rate changes); an offset change is a deliberate jump of {@code offsetMs} relative to the
 * unskewed time. The monotonic source is injected so tests control time.
 */
public final class NodeClock {
  private final LongSupplier monotonicNanos;
  private long baseMonotonic;
  private double baseValue;
  private double rate = 1.0;
  private long offsetNanos;
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

  public NodeClock(LongSupplier monotonicNanos) {
    this.monotonicNanos = monotonicNanos;
    this.baseMonotonic = monotonicNanos.getAsLong();
    this.baseValue = baseMonotonic;
  }

  /** A clock over {@link System#nanoTime()}: the production source. */
  public static NodeClock system() {
    return new NodeClock(System::nanoTime);
  }

  /** Current node time in nanoseconds. */
  public synchronized long nanos() {
    long m = monotonicNanos.getAsLong();
    return (long) (baseValue + rate * (m - baseMonotonic)) + offsetNanos;
  }

  /** Current node time in milliseconds. */
  public long millis() {
    return nanos() / 1_000_000L;
  }

  /**
   * Sets the offset (relative to unskewed time, in milliseconds) and the rate (1.0 = real time).
   * A rate must be positive and finite.
   */
  public void set(long offsetMs, double newRate) {
    if (!(newRate > 0) || Double.isInfinite(newRate)) {
      throw new IllegalArgumentException("rate must be positive and finite, was " + newRate);
    }
    synchronized (this) {
      long m = monotonicNanos.getAsLong();
      baseValue = baseValue + rate * (m - baseMonotonic);
      baseMonotonic = m;
      rate = newRate;
      offsetNanos = offsetMs * 1_000_000L;
    }
    changeListeners.forEach(Runnable::run);
  }

  /**
   * Runs {@code listener} after every {@link #set}, on the caller's thread (keep it short): a loop
   * that sleeps until its next timer learns at once that the clock jumped past it, as a timer on
   * a jumped system clock fires at once, instead of at its next wake-up.
   */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  public synchronized double rate() {
    return rate;
  }

  public synchronized long offsetMs() {
    return offsetNanos / 1_000_000L;
  }
}
