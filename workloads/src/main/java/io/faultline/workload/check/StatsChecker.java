package io.faultline.workload.check;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Availability and latency statistics: per {@code f}, how many operations completed ok, fail or
 * info, and latency quantiles of the completed ones. It judges only one thing: a history in which no
 * operation succeeded proves nothing about safety, so that is {@link Verdict#UNKNOWN}; otherwise
 * valid.
 */
public final class StatsChecker implements Checker {
  private static final double[] QUANTILES = {0.5, 0.9, 0.99, 1.0};

  @Override
  public String name() {
    return "stats";
  }

  @Override
  public CheckResult check(List<Op> history) {
    Map<String, List<OpPair>> byF = new TreeMap<>();
    for (OpPair pair : OpPair.pair(history)) {
      byF.computeIfAbsent(pair.invoke().f(), f -> new ArrayList<>()).add(pair);
    }
    Map<String, Object> perF = new LinkedHashMap<>();
    long totalOk = 0;
    long total = 0;
    for (Map.Entry<String, List<OpPair>> e : byF.entrySet()) {
      Map<String, Object> s = summarize(e.getValue());
      totalOk += (Long) s.get("ok");
      total += e.getValue().size();
      perF.put(e.getKey(), s);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("count", total);
    details.put("ok-count", totalOk);
    details.put("by-f", perF);
    if (totalOk == 0) {
      details.put("problem", "no operation succeeded; the history proves nothing");
      return new CheckResult(Verdict.UNKNOWN, details);
    }
    return new CheckResult(Verdict.VALID, details);
  }

  private static Map<String, Object> summarize(List<OpPair> pairs) {
    long ok = 0;
    long fail = 0;
    long info = 0;
    long[] latencies = new long[pairs.size()];
    int n = 0;
    for (OpPair p : pairs) {
      OpType t = p.outcome();
      if (t == OpType.OK) {
        ok++;
      } else if (t == OpType.FAIL) {
        fail++;
      } else {
        info++;
      }
      if (p.completion() != null) {
        latencies[n++] = p.latencyNanos();
      }
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("count", (long) pairs.size());
    s.put("ok", ok);
    s.put("fail", fail);
    s.put("info", info);
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    Map<String, Object> q = new LinkedHashMap<>();
    for (double quantile : QUANTILES) {
      q.put(String.valueOf(quantile), n == 0 ? null : sorted[index(n, quantile)] / 1_000_000.0);
    }
    s.put("latency-ms", q);
    return s;
  }

  private static int index(int n, double quantile) {
    return Math.min(n - 1, (int) Math.floor(quantile * (n - 1) + 0.5));
  }
}
