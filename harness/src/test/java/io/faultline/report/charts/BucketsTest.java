package io.faultline.report.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.report.CompletedOps;
import io.faultline.report.CompletedOps.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketsTest {
  static final long MS = 1_000_000L;
  static final long S = 1_000_000_000L;

  /** Process {@code p} runs {@code f} from {@code t0} for {@code latency}, completing {@code type}. */
  static void op(List<Op> h, int p, String f, long t0, long latency, OpType type) {
    h.add(new Op(0, t0, p, OpType.INVOKE, f, null, null, null, null));
    h.add(new Op(0, t0 + latency, p, type, f, null, null, null, null));
  }

  static List<Pair> history() {
    List<Op> h = new ArrayList<>();
    // bucket 0 (0-1 s): reads of 1..10 ms ok, one 500 ms fail (ignored by quantiles)
    for (int i = 1; i <= 10; i++) {
      op(h, 0, "read", i * 50 * MS, i * MS, OpType.OK);
    }
    op(h, 1, "read", 100 * MS, 500 * MS, OpType.FAIL);
    // bucket 2 (2-3 s): one write of 40 ms ok and one info
    op(h, 2, "write", 2 * S, 40 * MS, OpType.OK);
    op(h, 3, "write", 2 * S + 100 * MS, 900 * MS, OpType.INFO);
    // pending: never completes
    h.add(new Op(0, 2 * S + 500 * MS, 4, OpType.INVOKE, "read", null, null, null, null));
    h.sort(java.util.Comparator.comparingLong(Op::time));
    return CompletedOps.pair(h);
  }

  @Test
  void quantilesUseOkOperationsByInvocationBucketWithNearestRank() {
    Map<String, List<Buckets.Quantiles>> q = Buckets.latencyQuantiles(history(), S);
    assertThat(q.keySet()).containsExactly("read", "write");
    assertThat(q.get("read")).containsExactly(new Buckets.Quantiles(0.0, 10, 5.0, 10.0, 10.0, 10.0));
    assertThat(q.get("write")).containsExactly(new Buckets.Quantiles(2.0, 1, 40.0, 40.0, 40.0, 40.0));
  }

  @Test
  void throughputCountsCompletionsPerSecondIncludingEmptyBuckets() {
    Map<String, List<Buckets.Rate>> t = Buckets.throughput(history(), S);
    assertThat(t.get("read")).containsExactly(
        new Buckets.Rate(0.0, 10, 1, 0), new Buckets.Rate(1.0, 0, 0, 0), new Buckets.Rate(2.0, 0, 0, 0),
        new Buckets.Rate(3.0, 0, 0, 0));
    assertThat(t.get("write")).containsExactly(
        new Buckets.Rate(0.0, 0, 0, 0), new Buckets.Rate(1.0, 0, 0, 0), new Buckets.Rate(2.0, 1, 0, 0),
        new Buckets.Rate(3.0, 0, 0, 1));
    Map<String, List<Buckets.Rate>> half = Buckets.throughput(history(), S / 2);
    assertThat(half.get("read").get(0)).isEqualTo(new Buckets.Rate(0.0, 18, 0, 0)); // 9 ok in 0.5 s
  }

  @Test
  void bucketWidthIsANiceNumberNeverUnderTheMinimum() {
    assertThat(Buckets.width(20 * S, 100, S)).isEqualTo(S);
    assertThat(Buckets.width(600 * S, 100, S)).isEqualTo(10 * S);
    assertThat(Buckets.width(300 * S, 300, 250 * MS)).isEqualTo(S);
    assertThat(Buckets.width(200 * MS, 60, MS)).isEqualTo(5 * MS);
  }
}
