package io.faultline.runtime;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Waits and calls that an interrupt must not cut short. A fault that is half applied when the
 * run ends (a kill whose wait for the death was interrupted, a status call that failed because
 * the interrupt flag was set) leaves the harness believing something untrue about a node, and a
 * false "node crashed" follows. Each helper finishes its work and then restores the interrupt
 * flag, so the caller still sees that it was asked to stop.
 */
public final class Uninterruptibly {
  private Uninterruptibly() {}

  /** Waits up to {@code timeout} for {@code p} to exit; true once it has. */
  public static boolean waitFor(Process p, long timeout, TimeUnit unit) {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Sleeps the whole {@code millis}. */
  public static void sleep(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    boolean interrupted = false;
    try {
      for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
        try {
          TimeUnit.NANOSECONDS.sleep(left);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Runs {@code call} with the interrupt flag cleared (clients such as docker-java fail at once
   * when it is set, whatever the daemon would have answered), then restores it.
   */
  public static <T> T call(Supplier<T> call) {
    boolean interrupted = Thread.interrupted();
    try {
      return call.get();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
