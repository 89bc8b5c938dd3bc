package io.faultline.run;

import io.faultline.runtime.WatchedRuntime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Polls {@link WatchedRuntime#checkNow()} on a thread of its own until closed. Closing ends the
 * wait between polls and lets a poll in progress finish; it never interrupts one: a status call
 * made with the interrupt flag set can fail, and a failed call must not read as a dead node.
 */
final class CrashWatch implements AutoCloseable {
  private final WatchedRuntime runtime;
  private final long intervalMillis;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread thread;

  private CrashWatch(WatchedRuntime runtime, long intervalMillis) {
    this.runtime = runtime;
    this.intervalMillis = intervalMillis;
    this.thread = new Thread(this::loop, "faultline-crash-watch");
    thread.setDaemon(true);
  }

  static CrashWatch start(WatchedRuntime runtime, long intervalMillis) {
    CrashWatch watch = new CrashWatch(runtime, intervalMillis);
    watch.thread.start();
    return watch;
  }

  private void loop() {
    try {
      do {
        runtime.checkNow();
      } while (!closed.await(intervalMillis, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // someone outside the harness: stop polling
    }
  }

  /** Stops polling and waits for a poll in progress to finish. */
  @Override
  public void close() throws InterruptedException {
    closed.countDown();
    thread.join();
  }
}
