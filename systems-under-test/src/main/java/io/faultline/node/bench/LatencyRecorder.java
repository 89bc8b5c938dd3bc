package io.faultline.node.bench;

import java.util.Arrays;
import java.util.List;

/** One thread's request latencies in nanoseconds; merged after a step to compute quantiles. */
final class LatencyRecorder {
  private long[] samples = new long[1 << 14];
  private int count;
  private int errors;

  void record(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  void error() {
    errors++;
  }

  /** Summary of several recorders over a step of {@code seconds}. */
  record Summary(long ok, long errors, double opsPerSecond, double p50Ms, double p99Ms) {}

  static Summary summarise(List<LatencyRecorder> recorders, double seconds) {
    int total = recorders.stream().mapToInt(r -> r.count).sum();
    long errors = recorders.stream().mapToLong(r -> r.errors).sum();
    long[] all = new long[total];
    int at = 0;
    for (LatencyRecorder r : recorders) {
      System.arraycopy(r.samples, 0, all, at, r.count);
      at += r.count;
    }
    Arrays.sort(all);
    return new Summary(total, errors, total / seconds, quantileMs(all, 0.50), quantileMs(all, 0.99));
  }

  private static double quantileMs(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
