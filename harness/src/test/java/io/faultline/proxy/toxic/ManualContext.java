package io.faultline.proxy.toxic;

import io.faultline.proxy.loop.Cancellable;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** A stage context with a hand-driven clock: timers fire only inside {@link #advanceTo}. */
final class ManualContext implements StageContext {
  private final PriorityQueue<Task> timers = new PriorityQueue<>();
  private final RandomGenerator random;
  private long now;
  private long sequence;
  long discarded;

  ManualContext(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public long now() {
    return now;
  }

  @Override
  public Cancellable schedule(long delayNanos, Runnable task) {
    Task t = new Task(now + Math.max(0, delayNanos), sequence++, task);
    timers.add(t);
    return t;
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  @Override
  public void discard(Chunk chunk) {
    discarded += chunk.length();
  }

  void advanceMillis(double ms) {
    advanceTo(now + (long) (ms * 1_000_000));
  }

  /** Runs every timer due up to {@code time}, in deadline order, each at its own deadline. */
  void advanceTo(long time) {
    while (!timers.isEmpty() && timers.peek().deadline <= time) {
      Task t = timers.poll();
      if (!t.cancelled) {
        now = Math.max(now, t.deadline);
        t.cancelled = true;
        t.task.run();
      }
    }
    now = Math.max(now, time);
  }

  long millis() {
    return now / 1_000_000;
  }

  private static final class Task implements Cancellable, Comparable<Task> {
    final long deadline;
    final long sequence;
    final Runnable task;
    boolean cancelled;

    Task(long deadline, long sequence, Runnable task) {
      this.deadline = deadline;
      this.sequence = sequence;
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(deadline, o.deadline);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }
}
