package io.faultline.generator;

/**
 * A generator: an immutable description of which operations to issue and when. A generator is a
 * value; {@link #open} makes the per-worker cursor that a single worker thread drives. Cursors
 * are given the time (nanoseconds since the test started) by their caller and draw randomness only
 * from their {@link Worker}, so the same seed yields the same operations.
 */
@FunctionalInterface
public interface Gen {

  /** A new cursor for one worker; called once per worker thread, never shared between threads. */
  Cursor open(Worker worker);

  /** The stateful, single-threaded iterator of a generator for one worker. */
  @FunctionalInterface
  interface Cursor {
    /** The next step at time {@code nowNanos}; after {@link Step.Exhausted} always exhausted. */
    Step next(long nowNanos);
  }
}
