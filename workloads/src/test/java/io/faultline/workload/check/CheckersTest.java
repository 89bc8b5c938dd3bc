package io.faultline.workload.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckersTest {
  private final List<Op> h = new ArrayList<>();

  private void op(int process, OpType type, String f, Object value) {
    h.add(new Op(h.size(), h.size() * 10L, process, type, f, null, value, null, null));
  }

  @Test
  void setCheckerFindsLostAndUnexpectedElements() {
    op(0, OpType.INVOKE, "add", 1L);
    op(0, OpType.OK, "add", 1L);
    op(1, OpType.INVOKE, "add", 2L);
    op(1, OpType.FAIL, "add", 2L);
    op(2, OpType.INVOKE, "add", 3L);
    op(2, OpType.INFO, "add", 3L);
    op(0, OpType.INVOKE, "read", null);
    op(0, OpType.OK, "read", List.of(3L));
    var result = new SetChecker().check(h);
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.details().get("lost")).isEqualTo(List.of(1L));
    h.set(7, new Op(7, 70, 0, OpType.OK, "read", null, List.of(1L, 3L), null, null));
    assertThat(new SetChecker().check(h).verdict()).isEqualTo(Verdict.VALID);
    h.set(7, new Op(7, 70, 0, OpType.OK, "read", null, List.of(1L, 2L), null, null));
    assertThat(new SetChecker().check(h).details().get("unexpected")).isEqualTo(List.of(2L));
  }

  @Test
  void listAppendCheckerFindsDivergentReadsAndLostAppends() {
    op(0, OpType.INVOKE, "txn", List.of(List.of("append", "x", 1L)));
    op(0, OpType.OK, "txn", List.of(List.of("append", "x", 1L)));
    op(1, OpType.INVOKE, "txn", List.of(List.of("append", "x", 2L)));
    op(1, OpType.OK, "txn", List.of(List.of("append", "x", 2L)));
    op(2, OpType.INVOKE, "txn", List.of(java.util.Arrays.asList("r", "x", null)));
    op(2, OpType.OK, "txn", List.of(List.of("r", "x", List.of(1L, 2L))));
    assertThat(new ListAppendFinalReadChecker().check(h).verdict()).isEqualTo(Verdict.VALID);
    op(3, OpType.INVOKE, "txn", List.of(java.util.Arrays.asList("r", "x", null)));
    op(3, OpType.OK, "txn", List.of(List.of("r", "x", List.of(2L))));
    var result = new ListAppendFinalReadChecker().check(h);
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.details().get("anomalies").toString()).contains("not-prefix");
  }

  @Test
  void rwRegisterCheckerFindsReadsOfFailedWrites() {
    op(0, OpType.INVOKE, "txn", List.of(List.of("w", "x", 5L)));
    op(0, OpType.FAIL, "txn", List.of(List.of("w", "x", 5L)));
    op(1, OpType.INVOKE, "txn", List.of(java.util.Arrays.asList("r", "x", null)));
    op(1, OpType.OK, "txn", List.of(List.of("r", "x", 5L)));
    var result = new RwRegisterReadChecker().check(h);
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.details().get("anomalies").toString()).contains("aborted-read");
  }

  @Test
  void statsCountsOutcomesAndIsUnknownWithoutAnySuccess() {
    op(0, OpType.INVOKE, "read", null);
    op(0, OpType.FAIL, "read", null);
    assertThat(new StatsChecker().check(h).verdict()).isEqualTo(Verdict.UNKNOWN);
    op(0, OpType.INVOKE, "read", null);
    op(0, OpType.OK, "read", 1L);
    var result = new StatsChecker().check(h);
    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    assertThat(result.details().get("ok-count")).isEqualTo(1L);
  }
}
