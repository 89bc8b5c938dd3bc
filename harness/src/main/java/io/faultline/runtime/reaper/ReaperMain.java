package io.faultline.runtime.reaper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The reaper program ({@link Reaper} starts it; its one argument names the run folder it
 * watches over, for people reading {@code ps}): reads {@link ReapOrder}s from standard input, a
 * pipe only the harness holds, until it ends, which it does when the harness exits however it
 * exits (SIGKILL included); then cleans up ({@link ReapList#lifelineEnded}) and exits with the
 * number of objects it could not remove (0 normally). Terminal signals are ignored: a Ctrl-C
 * meant for the harness must not take its reaper with it.
 */
public final class ReaperMain {
  private ReaperMain() {}

  public static void main(String[] args) {
    for (String signal : new String[] {"INT", "HUP"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(signal), sun.misc.SignalHandler.SIG_IGN);
      } catch (IllegalArgumentException e) {
        // No such signal here.
      }
    }
    ReapList list = ReapList.standard(System.out);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        try {
          list.accept(ReapOrder.parse(line));
        } catch (IllegalArgumentException e) {
          System.out.println("reaper: ignored: " + e.getMessage());
        }
      }
    } catch (IOException e) {
      // A broken lifeline ends it as surely as an end of file.
    }
    int left = list.lifelineEnded();
    System.out.flush();
    System.exit(Math.min(left, 100));
  }
}
