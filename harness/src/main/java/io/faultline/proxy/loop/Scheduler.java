package io.faultline.proxy.loop;

/**
 * Time as the proxy's data plane sees it: a monotonic clock in nanoseconds and one-shot timers.
 *
 * <p>Contract: every method is called from, and every task runs on, one thread (the event loop in
 * production, the test thread in unit tests). A task never runs before its deadline and never
 * re-entrantly inside {@link #schedule}.
 */
public interface Scheduler {
  /** Monotonic time in nanoseconds; only differences mean anything. */
  long now();

  /** Runs {@code task} once, {@code delayNanos} from now (zero or negative: at the next turn). */
  Cancellable schedule(long delayNanos, Runnable task);
}
