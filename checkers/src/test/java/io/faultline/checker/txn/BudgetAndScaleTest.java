package io.faultline.checker.txn;

import static io.faultline.checker.txn.Hist.append;
import static io.faultline.checker.txn.Hist.r;
import static io.faultline.checker.txn.Hist.txn;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Budgets give unknown with partial results; deep graphs do not overflow the stack. */
class BudgetAndScaleTest {
  private static final Budget ROOMY = Budget.of(Duration.ofMinutes(1), 1L << 30);

  @Test
  void hundredThousandTransactionCycleIsFoundWithoutRecursion() {
    int n = 100_000;
    BudgetMeter meter = new BudgetMeter(ROOMY, () -> 0L);
    DepGraph.Builder edges = new DepGraph.Builder(n, meter);
    for (int i = 0; i < n; i++) {
      edges.add(i, (i + 1) % n, EdgeType.WW);
    }
    DepGraph graph = edges.build();
    int[] componentOf = new int[n];
    List<int[]> components = StronglyConnected.find(graph, EdgeType.DATA, componentOf, meter);
    assertThat(components).hasSize(1);
    assertThat(components.get(0)).hasSize(n);
    List<Cycle> cycles = new ArrayList<>();
    new CycleSearch(graph, meter).search(null, cycles::add);
    assertThat(cycles).hasSize(1);
    assertThat(cycles.get(0).type()).isEqualTo(AnomalyType.G0);
    assertThat(cycles.get(0).length()).isEqualTo(n);
  }

  @Test
  void parallelEdgesAreMergedIntoOneMask() {
    BudgetMeter meter = new BudgetMeter(ROOMY, () -> 0L);
    DepGraph.Builder edges = new DepGraph.Builder(3, meter);
    edges.add(0, 1, EdgeType.WW);
    edges.add(0, 2, EdgeType.RW);
    edges.add(0, 1, EdgeType.REALTIME);
    edges.add(1, 1, EdgeType.WR);
    DepGraph graph = edges.build();
    assertThat(graph.edgeCount()).isEqualTo(2);
    assertThat(graph.typesBetween(0, 1))
        .isEqualTo(EdgeType.WW.bit() | EdgeType.REALTIME.bit());
    assertThat(graph.typesBetween(1, 1)).isZero();
  }

  @Test
  void runningOutOfTimeAnswersUnknownAndSaysWhy() {
    List<Op> history = TxnHistoryGenerator.generate(
        TxnHistoryGenerator.Config.listAppend(5_000, 10, 50), 7);
    AtomicLong clock = new AtomicLong();
    CheckResult result = new ListAppendChecker(ConsistencyModel.STRICT_SERIALIZABLE,
        Budget.of(Duration.ofMillis(10), 1L << 30), () -> clock.getAndAdd(1_000_000_000L))
        .check(history);
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat((String) result.details().get("incomplete")).contains("time budget of 10 ms");
  }

  @Test
  void runningOutOfMemoryBudgetAnswersUnknownNotOom() {
    List<Op> history = TxnHistoryGenerator.generate(
        TxnHistoryGenerator.Config.listAppend(20_000, 10, 100), 3);
    CheckResult result = new ListAppendChecker(ConsistencyModel.STRICT_SERIALIZABLE,
        Budget.of(Duration.ofMinutes(1), 1L << 20), () -> 0L).check(history);
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat((String) result.details().get("incomplete")).startsWith("memory budget of");
  }

  private static Hist abortedReadAndCycle(boolean withAbortedRead) {
    Hist h = new Hist();
    if (withAbortedRead) {
      h.fail(0, append("z", 1)).ok(1, r("z", 1));
    }
    return h.concurrent(2, txn(append("x", 1), r("y", 1)), txn(append("y", 1), r("x", 1)));
  }

  @Test
  void anomalyFoundBeforeBudgetRanOutIsStillInvalid() {
    // Enough memory for inference and the graph, not for searching the 2-cycle's component.
    Budget tight = Budget.of(Duration.ofMinutes(1), 1_500);
    CheckResult partial = new ListAppendChecker(ConsistencyModel.SERIALIZABLE, tight, () -> 0L)
        .check(abortedReadAndCycle(true).ops());
    assertThat(partial.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(partial.details().get("anomaly-types")).asList().containsExactly("G1a");
    assertThat(partial.details().get("incomplete")).isNotNull();

    CheckResult unknown = new ListAppendChecker(ConsistencyModel.SERIALIZABLE, tight, () -> 0L)
        .check(abortedReadAndCycle(false).ops());
    assertThat(unknown.verdict()).isEqualTo(Verdict.UNKNOWN);

    CheckResult full = new ListAppendChecker(ConsistencyModel.SERIALIZABLE, ROOMY, () -> 0L)
        .check(abortedReadAndCycle(true).ops());
    assertThat(full.details().get("anomaly-types")).asList().containsExactly("G1c", "G1a");
  }

  @Test
  void malformedTxnIsAOneLineErrorNamingTheIndex() {
    List<Op> history = List.of(
        Op.invoke(0, 0, 0, "txn", List.of(List.of("append", "x", 1L))),
        Op.complete(1, 1, 0, OpType.OK, "txn", List.of(List.of("inc", "x", 1L))));
    CheckResult result = new ListAppendChecker().check(history);
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.details().get("error")).isEqualTo(
        "history index 1: micro-op 0: micro-op function must be \"r\", \"w\" or \"append\","
            + " got inc");

    List<Op> orphan = List.of(Op.complete(0, 0, 4, OpType.OK, "txn", List.of()));
    assertThat(new ListAppendChecker().check(orphan).details().get("error"))
        .isEqualTo("history index 0: ok completion of process 4 without a pending txn invocation");
  }

  @Test
  void nonTxnOperationsAndUncompletedInvocationsAreHandled() {
    List<Op> history = new ArrayList<>(new Hist().ok(0, append("x", 1)).ops());
    history.add(Op.invoke(2, 2, Op.NEMESIS, "kill", null));
    history.add(Op.invoke(3, 3, 1, "txn", List.of(List.of("append", "x", 2L))));
    history.add(Op.invoke(4, 4, 2, "txn", List.of(java.util.Arrays.asList("r", "x", null))));
    history.add(Op.complete(5, 5, 2, OpType.OK, "txn", List.of(List.of("r", "x",
        List.of(1L, 2L)))));
    CheckResult result = new ListAppendChecker().check(history);
    assertThat(result.details().get("anomaly-types")).asList().isEmpty();
    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
  }
}
