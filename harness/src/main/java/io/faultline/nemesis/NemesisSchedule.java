package io.faultline.nemesis;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The nemesis thread's loop: wait an interval, start a fault, wait an interval, heal it; until
 * stopped. The current fault is visible for the progress line. Stopping interrupts the waits and
 * heals the fault in progress; {@link FaultApplier#healAll()} is the runner's job afterwards.
 */
public final class NemesisSchedule implements Runnable {
  private final NemesisPlanner planner;
  private final FaultApplier applier;
  private final Supplier<Optional<String>> leader;
  private final long intervalMillis;
  private volatile boolean stopped;
  private volatile Fault current;
  private volatile Thread thread;

  public NemesisSchedule(NemesisPlanner planner, FaultApplier applier, Supplier<Optional<String>> leader,
      long intervalMillis) {
    this.planner = planner;
    this.applier = applier;
    this.leader = leader;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    while (!stopped) {
      if (!pause()) {
        break;
      }
      Fault fault = planner.next(leader.get());
      current = fault;
      applier.start(fault);
      pause();
      applier.heal(fault);
      current = null;
    }
  }

  /** Sleeps one interval; false when stopped meanwhile. */
  private boolean pause() {
    try {
      Thread.sleep(intervalMillis);
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
