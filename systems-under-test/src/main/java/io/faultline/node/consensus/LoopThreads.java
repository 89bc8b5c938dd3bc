package io.faultline.node.consensus;

/** The consensus shells' one-thread event loops: how they are stopped. */
public final class LoopThreads {
  private LoopThreads() {}

  /**
   * Interrupts {@code loop} (which may be null: never started) and waits up to {@code millis} for
   * it to end; an interrupt of the caller is kept for the caller to see.
   */
  public static void interruptAndJoin(Thread loop, long millis) {
    if (loop == null) {
      return;
    }
    loop.interrupt();
    try {
      loop.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
