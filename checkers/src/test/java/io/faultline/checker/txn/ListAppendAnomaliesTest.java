package io.faultline.checker.txn;

import static io.faultline.checker.txn.Hist.append;
import static io.faultline.checker.txn.Hist.r;
import static io.faultline.checker.txn.Hist.txn;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Minimal list-append histories showing each anomaly, and near-misses that do not. */
class ListAppendAnomaliesTest {

  static CheckResult check(ConsistencyModel model, List<Op> history) {
    return new ListAppendChecker(model, Budget.of(Duration.ofSeconds(30), 1L << 30), () -> 0L)
        .check(history);
  }

  static CheckResult strict(Hist h) {
    return check(ConsistencyModel.STRICT_SERIALIZABLE, h.ops());
  }

  @SuppressWarnings("unchecked")
  static List<String> types(CheckResult result) {
    return (List<String>) result.details().get("anomaly-types");
  }

  static void assertClean(CheckResult result) {
    assertThat(types(result)).isEmpty();
    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void g0WriteCycle() {
    Hist h = new Hist().concurrent(0,
        txn(append("x", 1), append("y", 1)),
        txn(append("x", 2), append("y", 2)));
    h.ok(5, r("x", 1, 2), r("y", 2, 1));
    CheckResult result = strict(h);
    assertThat(types(result)).containsExactly("G0");
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.details().get("not")).asList().contains("read-uncommitted");
  }

  @Test
  void g0NearMissAgreeingOrders() {
    Hist h = new Hist().concurrent(0,
        txn(append("x", 1), append("y", 1)),
        txn(append("x", 2), append("y", 2)));
    h.ok(5, r("x", 1, 2), r("y", 1, 2));
    assertClean(strict(h));
  }

  @Test
  void g1aAbortedRead() {
    Hist h = new Hist().fail(0, append("x", 1)).ok(1, r("x", 1));
    assertThat(types(strict(h))).containsExactly("G1a");
  }

  @Test
  void g1aNearMissInfoWriteMayBeVisible() {
    Hist h = new Hist().info(0, append("x", 1)).ok(1, r("x", 1));
    assertClean(strict(h));
  }

  @Test
  void g1bIntermediateRead() {
    Hist h = new Hist().concurrent(0, txn(append("x", 1), append("x", 2)), txn(r("x", 1)));
    assertThat(types(strict(h))).contains("G1b");
  }

  @Test
  void g1bNearMissFinalRead() {
    Hist h = new Hist().concurrent(0, txn(append("x", 1), append("x", 2)), txn(r("x", 1, 2)));
    assertClean(strict(h));
  }

  @Test
  void g1cCircularInformationFlow() {
    Hist h = new Hist().concurrent(0,
        txn(append("x", 1), r("y", 1)),
        txn(append("y", 1), r("x", 1)));
    CheckResult result = strict(h);
    assertThat(types(result)).containsExactly("G1c");
    assertThat(result.details().get("not")).asList()
        .contains("read-committed").doesNotContain("read-uncommitted");
  }

  @Test
  void g1cNearMissOneSideMissed() {
    Hist h = new Hist().concurrent(0,
        txn(append("x", 1), r("y")),
        txn(append("y", 1), r("x", 1)));
    assertClean(strict(h));
  }

  @Test
  void gSingleReadSkew() {
    Hist h = new Hist().concurrent(0,
        txn(append("x", 1), append("y", 1)),
        txn(r("x", 1), r("y")));
    h.ok(5, r("y", 1));
    CheckResult result = strict(h);
    assertThat(types(result)).containsExactly("G-single");
    assertThat(result.details().get("strongest-consistent")).asList()
        .containsExactlyInAnyOrder("read-committed", "monotonic-atomic-view");
  }

  @Test
  void gSingleNearMissSnapshotBeforeBoth() {
    Hist h = new Hist().concurrent(0,
        txn(append("x", 1), append("y", 1)),
        txn(r("x"), r("y")));
    h.ok(5, r("x", 1), r("y", 1));
    assertClean(strict(h));
  }

  @Test
  void g2ItemWriteSkewIsAllowedBySnapshotIsolation() {
    Hist h = new Hist().concurrent(0,
        txn(r("x"), append("y", 1)),
        txn(r("y"), append("x", 1)));
    h.ok(5, r("x", 1), r("y", 1));
    CheckResult result = strict(h);
    assertThat(types(result)).containsExactly("G2-item");
    assertThat(check(ConsistencyModel.SNAPSHOT_ISOLATION, h.ops()).verdict())
        .isEqualTo(Verdict.VALID);
    assertThat(check(ConsistencyModel.SERIALIZABLE, h.ops()).verdict())
        .isEqualTo(Verdict.INVALID);
  }

  @Test
  void g2ItemNearMissOneSawTheOther() {
    Hist h = new Hist().concurrent(0,
        txn(r("x"), append("y", 1)),
        txn(r("y", 1), append("x", 1)));
    h.ok(5, r("x", 1), r("y", 1));
    assertClean(strict(h));
  }

  private static Hist nonadjacent(boolean thirdSeesC) {
    Hist h = new Hist().concurrent(0,
        txn(r("a"), r("d", 1)),
        txn(append("a", 1), append("b", 1)),
        thirdSeesC ? txn(r("b", 1), r("c", 1)) : txn(r("b", 1), r("c")),
        txn(append("c", 1), append("d", 1)));
    return h.ok(9, r("a", 1), r("c", 1));
  }

  @Test
  void gNonadjacentIsForbiddenBySnapshotIsolationButNotConsistentView() {
    CheckResult result = strict(nonadjacent(false));
    assertThat(types(result)).containsExactly("G-nonadjacent");
    assertThat(result.details().get("not")).asList()
        .contains("snapshot-isolation", "serializable").doesNotContain("consistent-view");
    assertThat(result.details().get("strongest-consistent")).asList()
        .containsExactly("consistent-view");
  }

  @Test
  void gNonadjacentNearMiss() {
    assertClean(strict(nonadjacent(true)));
  }

  @Test
  void internalInconsistency() {
    assertThat(types(strict(new Hist().ok(0, append("x", 1), r("x"))))).containsExactly(
        "internal");
    assertClean(strict(new Hist().ok(0, append("x", 1), r("x", 1))));
  }

  @Test
  void duplicateElements() {
    assertThat(types(strict(new Hist().ok(0, append("x", 1)).ok(1, r("x", 1, 1)))))
        .containsExactly("duplicate-elements");
    assertClean(strict(new Hist().ok(0, append("x", 1)).ok(1, r("x", 1))));
  }

  @Test
  void incompatibleOrder() {
    Hist h = new Hist().concurrent(0, txn(append("x", 1)), txn(append("x", 2)),
        txn(r("x", 1, 2)), txn(r("x", 2, 1)));
    assertThat(types(strict(h))).containsExactly("incompatible-order");
    Hist near = new Hist().concurrent(0, txn(append("x", 1)), txn(append("x", 2)),
        txn(r("x", 1, 2)), txn(r("x", 1)));
    assertClean(strict(near));
  }

  @Test
  void garbageRead() {
    assertThat(types(strict(new Hist().ok(0, r("x", 9))))).containsExactly("garbage-read");
    assertClean(strict(new Hist().ok(1, append("x", 9)).ok(0, r("x", 9))));
  }

  @Test
  void dirtyUpdate() {
    Hist h = new Hist().fail(0, append("x", 1)).ok(1, append("x", 2)).ok(2, r("x", 1, 2));
    assertThat(types(strict(h))).contains("dirty-update", "G1a");
    Hist near = new Hist().fail(0, append("x", 1)).ok(1, append("x", 2)).ok(2, r("x", 2));
    assertClean(strict(near));
  }

  @Test
  void lostUpdate() {
    Hist h = new Hist().concurrent(0,
        txn(r("x"), append("x", 1)),
        txn(r("x"), append("x", 2)));
    h.ok(5, r("x", 1, 2));
    CheckResult result = strict(h);
    assertThat(types(result)).contains("lost-update");
    assertThat(check(ConsistencyModel.READ_COMMITTED, h.ops()).verdict())
        .isEqualTo(Verdict.VALID);
    assertThat(check(ConsistencyModel.SNAPSHOT_ISOLATION, h.ops()).verdict())
        .isEqualTo(Verdict.INVALID);
    Hist near = new Hist().concurrent(0,
        txn(r("x"), append("x", 1)),
        txn(r("x", 1), append("x", 2)));
    near.ok(5, r("x", 1, 2));
    assertClean(strict(near));
  }

  @Test
  void staleReadIsGSingleRealtimeOnlyUnderStrictSerializability() {
    // The late read of [1] is needed: an append nobody ever read has no place in x's order.
    Hist h = new Hist().ok(0, append("x", 1)).ok(1, r("x")).ok(2, r("x", 1));
    CheckResult result = strict(h);
    assertThat(types(result)).containsExactly("G-single-realtime");
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(check(ConsistencyModel.SERIALIZABLE, h.ops()).verdict())
        .isEqualTo(Verdict.VALID);
    assertThat(check(ConsistencyModel.STRONG_SESSION_SERIALIZABLE, h.ops()).verdict())
        .isEqualTo(Verdict.VALID);
    assertThat(result.details().get("strongest-consistent")).asList()
        .containsExactly("strong-session-serializable");
  }

  @Test
  void staleReadNearMissConcurrent() {
    Hist h = new Hist().concurrent(0, txn(append("x", 1)), txn(r("x")));
    assertClean(strict(h));
  }

  @Test
  void sameProcessStaleReadIsGSingleProcess() {
    Hist h = new Hist().ok(0, append("x", 1)).ok(0, r("x")).ok(2, r("x", 1));
    CheckResult result = strict(h);
    assertThat(types(result)).contains("G-single-process");
    assertThat(check(ConsistencyModel.STRONG_SESSION_SERIALIZABLE, h.ops()).verdict())
        .isEqualTo(Verdict.INVALID);
    assertThat(check(ConsistencyModel.SERIALIZABLE, h.ops()).verdict())
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void readingTheFutureOnOneProcessIsG1cProcess() {
    // T1 read T2's append, yet T1 finished before T2 began, on the same process.
    Hist h = new Hist().ok(0, r("x", 1)).ok(0, append("x", 1));
    CheckResult result = strict(h);
    assertThat(types(result)).containsExactly("G1c-process", "G1c-realtime");
    assertThat(check(ConsistencyModel.STRONG_SESSION_SERIALIZABLE, h.ops()).verdict())
        .isEqualTo(Verdict.INVALID);
    assertThat(check(ConsistencyModel.STRONG_SESSION_SNAPSHOT_ISOLATION, h.ops()).verdict())
        .isEqualTo(Verdict.INVALID);
    assertThat(check(ConsistencyModel.SERIALIZABLE, h.ops()).verdict())
        .isEqualTo(Verdict.VALID);
    Hist near = new Hist().ok(0, r("x")).ok(0, append("x", 1)).ok(1, r("x", 1));
    assertClean(strict(near));
  }

  @Test
  void nonadjacentCycleClosedByRealtime() {
    // T1 -rw-> T2 (T1 missed a), T2 -wr-> T3 (T3 saw b), T3 -rw-> T4 (T3 missed c), and T4
    // completed before T1 began: G-nonadjacent-realtime.
    Hist h = new Hist().concurrent(1,
        txn(append("a", 1), append("b", 1)),
        txn(r("b", 1), r("c")),
        txn(append("c", 1)));
    h.ok(0, r("a"));
    h.ok(9, r("a", 1), r("c", 1));
    CheckResult result = strict(h);
    assertThat(types(result)).contains("G-nonadjacent-realtime")
        .noneMatch(t -> !t.endsWith("-realtime"));
    assertThat(check(ConsistencyModel.STRONG_SNAPSHOT_ISOLATION, h.ops()).verdict())
        .isEqualTo(Verdict.INVALID);
    assertThat(check(ConsistencyModel.SNAPSHOT_ISOLATION, h.ops()).verdict())
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void g0RealtimeNeedsRealtimeOrder() {
    // T1 then T2 in real time, but the version orders put T2's appends first on both keys...
    // ...on one key only: ww T2 -> T1 on x plus real time T1 -> T2 is a G0-realtime cycle.
    Hist h = new Hist().ok(0, append("x", 1)).ok(1, append("x", 2)).ok(2, r("x", 2, 1));
    assertThat(types(strict(h))).containsExactly("G0-realtime");
    Hist near = new Hist().ok(0, append("x", 1)).ok(1, append("x", 2)).ok(2, r("x", 1, 2));
    assertClean(strict(near));
  }

  @Test
  @SuppressWarnings("unchecked")
  void cycleIsExplainedStepByStepWithOpsAndSvg() {
    Hist h = new Hist().concurrent(0,
        txn(append("x", 1), append("y", 1)),
        txn(r("x", 1), r("y")));
    h.ok(5, r("y", 1));
    Map<String, Object> anomalies =
        (Map<String, Object>) strict(h).details().get("anomalies");
    Map<String, Object> gSingle =
        ((List<Map<String, Object>>) anomalies.get("G-single")).get(0);
    List<String> steps = (List<String>) gSingle.get("explanation");
    assertThat(steps.get(0)).startsWith("G-single: a cycle with exactly one anti-dependency");
    assertThat(String.join("\n", steps))
        .containsPattern("T(1|2) < T(1|2): T. read x = \\[1\\], which includes T.'s append of 1")
        .containsPattern("T(1|2) < T(1|2): T. read y = \\[\\], which does not include T.'s "
            + "later append of 1");
    List<Map<String, Object>> ops = (List<Map<String, Object>>) gSingle.get("ops");
    assertThat(ops).hasSize(2);
    assertThat(ops.get(0)).containsKeys("name", "index", "process", "value");
    assertThat((String) gSingle.get("svg")).startsWith("<svg").endsWith("</svg>")
        .contains(">T1<").contains(">rw<").contains(">wr<");
  }

  @Test
  @SuppressWarnings("unchecked")
  void longCycleIsExplainedInPartAndNotDrawn() {
    int m = 60;
    List<Op> ops = new java.util.ArrayList<>();
    for (int i = 0; i < m; i++) {
      ops.add(Op.invoke(ops.size(), 0, i, "txn", List.of(append("k" + i, 2),
          append("k" + (i + 1) % m, 1))));
    }
    for (int i = 0; i < m; i++) {
      ops.add(Op.complete(ops.size(), 0, i, io.faultline.checker.history.OpType.OK, "txn",
          List.of(append("k" + i, 2), append("k" + (i + 1) % m, 1))));
    }
    Hist observer = new Hist();
    for (int i = 0; i < m; i++) {
      observer.ok(1000, r("k" + i, 1, 2));
    }
    for (Op op : observer.ops()) {
      ops.add(op.withIndex(ops.size()));
    }
    CheckResult result = check(ConsistencyModel.SERIALIZABLE, ops);
    assertThat(types(result)).containsExactly("G0");
    Map<String, Object> g0 = ((List<Map<String, Object>>) ((Map<String, Object>)
        result.details().get("anomalies")).get("G0")).get(0);
    assertThat(g0.get("cycle-length")).isEqualTo(m);
    assertThat((List<String>) g0.get("explanation")).hasSize(TxnReport.MAX_EXPLAINED_STEPS + 4)
        .contains("... 19 more steps ...");
    assertThat((List<Object>) g0.get("ops")).hasSize(TxnReport.MAX_EXPLAINED_STEPS + 1);
    assertThat(g0).doesNotContainKey("svg");
  }

  @Test
  void shortestCycleIsReportedFirst() {
    // A 2-cycle and a 3-cycle of G1c in separate components.
    Hist h = new Hist().concurrent(0,
        txn(append("a", 1), r("b", 1)),
        txn(append("b", 1), r("c", 1)),
        txn(append("c", 1), r("a", 1)),
        txn(append("x", 1), r("y", 1)),
        txn(append("y", 1), r("x", 1)));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> g1c = (List<Map<String, Object>>) ((Map<String, Object>)
        strict(h).details().get("anomalies")).get("G1c");
    assertThat(g1c).extracting(m -> m.get("cycle-length")).containsExactly(2, 3);
  }
}
