package io.faultline.run;

import io.faultline.nemesis.Fault;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * The progress line printed while a test runs: elapsed seconds, ops ok/fail/info so far and the
 * fault in effect.
 */
final class Progress implements Runnable {
  private final HistoryRecorder recorder;
  private final Supplier<List<Fault>> fault;
  private final PrintStream out;
  private final long periodMillis;
  private volatile boolean stopped;

  Progress(HistoryRecorder recorder, Supplier<List<Fault>> fault, PrintStream out, long periodMillis) {
    this.recorder = recorder;
    this.fault = fault;
    this.out = out;
    this.periodMillis = periodMillis;
  }

  static String line(long elapsedNanos, long ok, long fail, long info, List<Fault> faults) {
    String current = faults.isEmpty() ? "none"
        : faults.stream().map(f -> f.startF() + " " + describe(f)).collect(java.util.stream.Collectors.joining("; "));
    return String.format("[%5.1fs] ok %d  fail %d  info %d  fault: %s", elapsedNanos / 1e9, ok, fail, info, current);
  }

  private static String describe(Fault f) {
    if (f instanceof Fault.Partition p) {
      return p.shape();
    }
    if (f instanceof Fault.Kill k) {
      return String.join(",", k.nodes());
    }
    if (f instanceof Fault.Pause p) {
      return String.join(",", p.nodes());
    }
    if (f instanceof Fault.ClockChange c) {
      return String.join(",", c.nodes());
    }
    if (f instanceof Fault.Latency l) {
      return l.uneven() ? "uneven <=" + l.latencyMs() + "ms" : l.latencyMs() + "ms";
    }
    if (f instanceof Fault.Churn c) {
      return c.mode() + " the leader";
    }
    return "";
  }

  @Override
  public void run() {
    while (!stopped) {
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
      out.println(line(recorder.now(), recorder.okCount(), recorder.failCount(), recorder.infoCount(), fault.get()));
    }
  }

  void stop() {
    stopped = true;
  }
}
