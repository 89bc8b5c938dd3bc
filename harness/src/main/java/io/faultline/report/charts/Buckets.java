package io.faultline.report.charts;

import io.faultline.checker.history.OpType;
import io.faultline.report.CompletedOps.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time-bucketed figures for the charts, computed without drawing so they can be checked by hand:
 * latency quantiles of ok operations per bucket of invocation time, and completions per second
 * per bucket of completion time, both per {@code f}.
 */
public final class Buckets {
  private Buckets() {}

  /** Latency quantiles (ms, nearest rank) of one bucket starting at {@code startSeconds}. */
  public record Quantiles(double startSeconds, int count, double p50, double p95, double p99, double max) {}

  /** Completions per second in one bucket starting at {@code startSeconds}. */
  public record Rate(double startSeconds, double ok, double fail, double info) {}

  /** A bucket width giving about {@code target} buckets over {@code spanNanos}, never under {@code min}. */
  public static long width(long spanNanos, int target, long minNanos) {
    long w = Math.max(minNanos, spanNanos / Math.max(1, target));
    long[] nice = {1_000_000L, 2_000_000L, 5_000_000L, 10_000_000L, 20_000_000L, 50_000_000L, 100_000_000L,
        250_000_000L, 500_000_000L, 1_000_000_000L, 2_000_000_000L, 5_000_000_000L, 10_000_000_000L,
        15_000_000_000L, 30_000_000_000L, 60_000_000_000L};
    for (long n : nice) {
      if (n >= w) {
        return n;
      }
    }
    return w;
  }

  /** Per f, the quantiles of every non-empty bucket, in time order. */
  public static Map<String, List<Quantiles>> latencyQuantiles(List<Pair> ops, long widthNanos) {
    Map<String, TreeMap<Long, List<Double>>> byF = new TreeMap<>();
    for (Pair p : ops) {
      if (p.outcome() != OpType.OK) {
        continue;
      }
      long bucket = Math.floorDiv(p.invoke().time(), widthNanos);
      byF.computeIfAbsent(p.invoke().f(), f -> new TreeMap<>())
          .computeIfAbsent(bucket, b -> new ArrayList<>()).add(p.latencyNanos() / 1e6);
    }
    Map<String, List<Quantiles>> out = new TreeMap<>();
    byF.forEach((f, buckets) -> {
      List<Quantiles> qs = new ArrayList<>();
      buckets.forEach((bucket, latencies) -> {
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        qs.add(new Quantiles(bucket * widthNanos / 1e9, sorted.length, rank(sorted, 0.50), rank(sorted, 0.95),
            rank(sorted, 0.99), sorted[sorted.length - 1]));
      });
      out.put(f, qs);
    });
    return out;
  }

  /** Nearest-rank quantile: the smallest value with at least {@code q} of the values at or below it. */
  static double rank(double[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /**
   * Per f, completions per second for every bucket from 0 to the last completion (empty buckets
   * included, so an outage shows as a drop to zero rather than a line across it).
   */
  public static Map<String, List<Rate>> throughput(List<Pair> ops, long widthNanos) {
    long last = -1;
    for (Pair p : ops) {
      last = Math.max(last, p.endNanos());
    }
    int n = last < 0 ? 0 : (int) (last / widthNanos) + 1;
    Map<String, long[][]> counts = new TreeMap<>();
    for (Pair p : ops) {
      if (p.complete() == null) {
        continue;
      }
      long[][] c = counts.computeIfAbsent(p.invoke().f(), f -> new long[3][n]);
      int bucket = (int) (p.endNanos() / widthNanos);
      switch (p.outcome()) {
        case OK -> c[0][bucket]++;
        case FAIL -> c[1][bucket]++;
        case INFO -> c[2][bucket]++;
        case INVOKE -> { }
      }
    }
    double seconds = widthNanos / 1e9;
    Map<String, List<Rate>> out = new TreeMap<>();
    counts.forEach((f, c) -> {
      List<Rate> rates = new ArrayList<>(n);
      for (int b = 0; b < n; b++) {
        rates.add(new Rate(b * seconds, c[0][b] / seconds, c[1][b] / seconds, c[2][b] / seconds));
      }
      out.put(f, rates);
    });
    return out;
  }
}
