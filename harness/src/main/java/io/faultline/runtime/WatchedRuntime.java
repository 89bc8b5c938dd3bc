package io.faultline.runtime;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A runtime that knows which nodes the harness itself took down, so it can tell a node that died
 * on its own (a crash: an assertion, a panic, memory exhaustion) from one the nemesis killed. Such
 * a death is a finding, not a fault to heal quietly: {@code onCrash} hears of each one once, from
 * {@link #checkNow()} (polled while the test runs) or, if the node died since the last poll, just
 * before the harness would kill or restart it anyway and so hide the evidence.
 */
public final class WatchedRuntime implements ClusterRuntime {
  private static final long CONFIRM_MILLIS = 100;

  private final ClusterRuntime delegate;
  private final Consumer<String> onCrash;
  private final LongConsumer sleeper;
  private final Set<String> takenDown = new HashSet<>();
  private final Set<String> reported = new HashSet<>();

  public WatchedRuntime(ClusterRuntime delegate, Consumer<String> onCrash) {
    this(delegate, onCrash, Uninterruptibly::sleep);
  }

  /** @param sleeper waits the given milliseconds before a "exited" is confirmed (tests inject their own) */
  public WatchedRuntime(ClusterRuntime delegate, Consumer<String> onCrash, LongConsumer sleeper) {
    this.delegate = delegate;
    this.onCrash = onCrash;
    this.sleeper = sleeper;
  }

  /** Reports every node that is down though the harness did not take it down. */
  public void checkNow() {
    for (String node : delegate.nodes()) {
      check(node);
    }
  }

  /**
   * Only a runtime's definite "exited", seen twice {@code CONFIRM_MILLIS} apart while the node was
   * expected up, is a crash; {@link Liveness#UNKNOWN} decides nothing, and neither does an
   * interrupt (the confirming wait is not cut short by one).
   */
  private void check(String node) {
    if (!expectedUp(node) || delegate.liveness(node) != Liveness.EXITED) {
      return;
    }
    // Ask again a moment later: a node the nemesis is just restarting, or a runtime's passing
    // misreading, must not fail a correct run.
    sleeper.accept(CONFIRM_MILLIS);
    boolean crashed;
    synchronized (this) {
      crashed = expectedUp(node) && delegate.liveness(node) == Liveness.EXITED;
      if (crashed) {
        reported.add(node);
      }
    }
    if (crashed) {
      onCrash.accept(node);
    }
  }

  private synchronized boolean expectedUp(String node) {
    return !takenDown.contains(node) && !reported.contains(node);
  }

  private synchronized void markDown(List<String> nodes) {
    takenDown.addAll(nodes);
  }

  private synchronized void markUp(String node) {
    takenDown.remove(node);
    reported.remove(node);
  }

  @Override
  public void start(NodeSpec spec) throws IOException {
    delegate.start(spec);
    markUp(spec.id());
  }

  @Override
  public void kill(String node) throws IOException {
    killTogether(List.of(node));
  }

  @Override
  public void killTogether(List<String> nodes) throws IOException {
    nodes.forEach(this::check);
    markDown(nodes);
    delegate.killTogether(nodes);
  }

  @Override
  public void stop(String node) throws IOException {
    check(node);
    markDown(List.of(node));
    delegate.stop(node);
  }

  @Override
  public void pause(String node) throws IOException {
    delegate.pause(node);
  }

  @Override
  public void resume(String node) throws IOException {
    delegate.resume(node);
  }

  @Override
  public void restart(String node) throws IOException {
    check(node);
    delegate.restart(node);
    markUp(node);
  }

  @Override
  public Liveness liveness(String node) {
    return delegate.liveness(node);
  }

  @Override
  public List<String> nodes() {
    return delegate.nodes();
  }

  @Override
  public NodeSpec spec(String node) {
    return delegate.spec(node);
  }

  /** Stops every node; none of them is a crash, even if a poll is still running (an aborted run). */
  @Override
  public void close() {
    markDown(delegate.nodes());
    delegate.close();
  }
}
