package io.faultline.nemesis;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One nemesis thread's loop: wait the initial delay, then start a fault, wait an interval, heal
 * it, wait an interval; until stopped. The runner starts one schedule per nemesis kind, offset
 * from each other, so faults of different kinds overlap as in Jepsen's combined nemesis (an
 * isolated leader whose clock also runs slow). The current fault is visible for the progress line. Stopping interrupts the waits and
 * heals the fault in progress; {@link FaultApplier#healAll()} is the runner's job afterwards.
 */
public final class NemesisSchedule implements Runnable {
  private final NemesisPlanner planner;
  private final FaultApplier applier;
  private final Supplier<Optional<String>> leader;
  private final long intervalMillis;
  private final long initialDelayMillis;
  private volatile boolean stopped;
  private volatile Fault current;
  private volatile Thread thread;

  public NemesisSchedule(NemesisPlanner planner, FaultApplier applier, Supplier<Optional<String>> leader,
      long intervalMillis, long initialDelayMillis) {
    this.initialDelayMillis = initialDelayMillis;
    this.planner = planner;
    this.applier = applier;
    this.leader = leader;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    if (!pause(initialDelayMillis)) {
      return;
    }
    while (!stopped) {
      Fault fault = planner.next(leader.get());
      current = fault;
      applier.start(fault);
      pause(intervalMillis);
      applier.heal(fault);
      current = null;
      if (!pause(intervalMillis)) {
        break;
      }
    }
  }

  /** Sleeps; false when stopped meanwhile. */
  private boolean pause(long millis) {
    if (stopped) {
      return false;
    }
    try {
      Thread.sleep(millis);
      return !stopped;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** The fault in effect now, if any. */
  public Optional<Fault> current() {
    return Optional.ofNullable(current);
  }

  public void stop() {
    stopped = true;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }
}
