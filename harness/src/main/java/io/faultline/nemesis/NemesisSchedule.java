package io.faultline.nemesis;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One nemesis thread's loop: wait the initial delay, then start a fault, wait an interval, heal
 * it, wait an interval; until stopped. The runner starts one schedule per nemesis kind, offset
 * from each other, so faults of different kinds overlap as in Jepsen's combined nemesis (an
 * isolated leader whose clock also runs slow). The current fault is visible for the progress line.
 * Stopping ends the wait in progress, never a fault being applied: a kill started when the time
 * limit comes completes (the node is dead and recorded so) and is then healed like any other, as is
 * the fault in effect. The thread is never interrupted, because an interrupt mid-fault (a kill's
 * wait for the death, a status call) leaves the harness believing something untrue about a node.
 * {@link FaultApplier#healAll()} is the runner's job afterwards.
 *
 * <p>Staggered schedules (several kinds at once) draw each gap after a heal from [0.5, 1.5) ×
 * interval out of their own seeded stream. With exact intervals the kinds kept one phase for the
 * whole run: a partition always began while the other kinds were healed, so the elections it
 * causes never ran under latency, a pause or a crash. Drifting gaps let the kinds meet in every
 * order, and the seed still repeats the schedule. A single kind keeps the exact interval.
 *
 * <p>A flapping schedule never heals between faults: each interval the next fault replaces the
 * current one (a partition moves straight to its next shape), and only stopping heals. Elections
 * then follow one another with no calm in which one leader brings every log up to date — the
 * interleavings behind Raft's Figure 8 need three leaderships in a row without one.
 */
public final class NemesisSchedule implements Runnable {
  private final NemesisPlanner planner;
  private final FaultApplier applier;
  private final Supplier<Optional<String>> leader;
  private final long intervalMillis;
  private final long initialDelayMillis;
  private final SplittableRandom stagger;
  private final boolean flap;
  /** How often a leader churn looks for the next leader. */
  private static final long CHURN_POLL_MILLIS = 100;

  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile Fault current;

  public NemesisSchedule(NemesisPlanner planner, FaultApplier applier, Supplier<Optional<String>> leader,
      long intervalMillis, long initialDelayMillis) {
    this(planner, applier, leader, intervalMillis, initialDelayMillis, null);
  }

  /** @param stagger seeded stream for drifting gaps (see above), or null for exact intervals */
  public NemesisSchedule(NemesisPlanner planner, FaultApplier applier, Supplier<Optional<String>> leader,
      long intervalMillis, long initialDelayMillis, SplittableRandom stagger) {
    this(planner, applier, leader, intervalMillis, initialDelayMillis, stagger, false);
  }

  /** @param flap replace each fault by the next without healing in between (see above) */
  public NemesisSchedule(NemesisPlanner planner, FaultApplier applier, Supplier<Optional<String>> leader,
      long intervalMillis, long initialDelayMillis, SplittableRandom stagger, boolean flap) {
    this.flap = flap;
    this.stagger = stagger;
    this.initialDelayMillis = initialDelayMillis;
    this.planner = planner;
    this.applier = applier;
    this.leader = leader;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void run() {
    try {
      loop();
    } finally {
      finished.countDown();
    }
  }

  private void loop() {
    if (!pause(initialDelayMillis)) {
      return;
    }
    while (!stopped()) {
      Fault fault = planner.next(leader.get());
      current = fault;
      if (fault instanceof Fault.Churn churn) {
        boolean carryOn = followLeaders(applier.churn(churn));
        current = null;
        if (!carryOn || !pause(nextGapMillis())) {
          break;
        }
        continue;
      }
      applier.start(fault);
      boolean carryOn = pause(intervalMillis);
      if (flap && carryOn) {
        continue; // the next start replaces this fault
      }
      applier.heal(fault);
      current = null;
      if (!carryOn || !pause(nextGapMillis())) {
        break;
      }
    }
  }

  /**
   * Runs a leader churn for one interval: takes down the leader, then looks for a new one every
   * {@link #CHURN_POLL_MILLIS} and moves the fault to it; heals at the end. False when stopped.
   */
  private boolean followLeaders(LeaderChurn churn) {
    churn.start(leader.get());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    boolean carryOn = true;
    while (carryOn) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      carryOn = pause(Math.min(CHURN_POLL_MILLIS, left));
      if (carryOn) {
        churn.react(leader.get());
      }
    }
    churn.heal();
    return carryOn;
  }

  /** The wait after a heal: the interval, or a seeded draw around it when staggered. */
  long nextGapMillis() {
    if (stagger == null) {
      return intervalMillis;
    }
    return intervalMillis / 2 + (long) (stagger.nextDouble() * intervalMillis);
  }

  /** Waits {@code millis}; false when stopped before or meanwhile. */
  private boolean pause(long millis) {
    try {
      return !stop.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      // Only someone outside the harness interrupts a nemesis thread: stop, keeping the flag.
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean stopped() {
    return stop.getCount() == 0;
  }

  /** The fault in effect now, if any. */
  public Optional<Fault> current() {
    return Optional.ofNullable(current);
  }

  /** Asks the loop to stop after the fault being applied, if any; returns at once. */
  public void stop() {
    stop.countDown();
  }

  /**
   * Waits until the loop has ended (the fault in progress applied, then healed) or {@code millis}
   * passed; true when it has ended.
   */
  public boolean awaitFinished(long millis) throws InterruptedException {
    return finished.await(millis, TimeUnit.MILLISECONDS);
  }
}
