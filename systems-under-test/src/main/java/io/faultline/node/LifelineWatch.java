package io.faultline.node;

import java.io.IOException;
import java.io.InputStream;

/**
 * Watches a {@link Lifeline#STDIN} lifeline: one daemon thread reads (and ignores) the stream
 * until it ends or fails, then runs {@code onEnd} once. Reading blocks in the kernel, so an
 * idle node pays nothing for it.
 */
public final class LifelineWatch {
  private LifelineWatch() {}

  /** Starts the watch; the returned thread ends after {@code onEnd} has run. */
  public static Thread start(InputStream lifeline, Runnable onEnd) {
    Thread t = new Thread(() -> {
      awaitEnd(lifeline);
      onEnd.run();
    }, "lifeline");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void awaitEnd(InputStream in) {
    byte[] ignored = new byte[256];
    try {
      while (in.read(ignored) >= 0) {
        // The parent writes nothing it means; only the end of the stream matters.
      }
    } catch (IOException e) {
      // A broken pipe ends the lifeline as surely as an end of file.
    }
  }
}
