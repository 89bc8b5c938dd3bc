package io.faultline.checker.txn;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.HistoryFormatException;
import io.faultline.checker.history.Op;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The pipeline both transactional checkers share: pair transactions, infer data edges and
 * non-cycle anomalies, add process and real-time edges, then search three stages of cycles (data
 * edges only, with process edges, with real-time edges). Each stage that completes within the
 * {@link Budget} is recorded as covered; the verdict is invalid as soon as an anomaly the model
 * forbids is found, unknown if a stage the model needs was not covered, valid otherwise.
 */
final class TxnAnalysis {
  private final ConsistencyModel model;
  private final Budget budget;
  private final LongSupplier nanoClock;
  private final Function<TxnHistory, Inference> inferenceFor;

  TxnAnalysis(ConsistencyModel model, Budget budget, LongSupplier nanoClock,
      Function<TxnHistory, Inference> inferenceFor) {
    this.model = model;
    this.budget = budget;
    this.nanoClock = nanoClock;
    this.inferenceFor = inferenceFor;
  }

  /** What one run established; also the input of {@link TxnReport}. */
  record Outcome(TxnHistory history, Inference inference, List<Anomaly> anomalies,
      Set<Stage> covered, String incomplete, Map<String, Object> stats) {}

  /** The parts of the search, in the order they run. */
  enum Stage {
    INFERENCE(null), DATA_CYCLES(null), PROCESS_CYCLES(EdgeType.PROCESS),
    REALTIME_CYCLES(EdgeType.REALTIME);

    final EdgeType extra;

    Stage(EdgeType extra) {
      this.extra = extra;
    }
  }

  CheckResult check(List<Op> ops) {
    TxnHistory history;
    try {
      history = TxnHistory.of(ops);
    } catch (HistoryFormatException e) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("model", model.label());
      details.put("error", e.getMessage());
      return new CheckResult(Verdict.UNKNOWN, details);
    }
    Outcome outcome;
    try {
      outcome = analyze(history);
    } catch (OutOfMemoryError e) {
      // Last resort: the memory estimate was wrong. The graph is garbage now; say so.
      outcome = new Outcome(history, null, List.of(), EnumSet.noneOf(Stage.class),
          "ran out of heap despite the memory budget", Map.of());
    }
    return new CheckResult(verdict(outcome), TxnReport.details(model, outcome));
  }

  Verdict verdict(Outcome outcome) {
    if (outcome.anomalies().stream().anyMatch(a -> model.forbids(a.type()))) {
      return Verdict.INVALID;
    }
    for (Stage stage : Stage.values()) {
      boolean needed = stage.extra == null || model.needs(stage.extra);
      if (needed && !outcome.covered().contains(stage)) {
        return Verdict.UNKNOWN;
      }
    }
    return Verdict.VALID;
  }

  Outcome analyze(TxnHistory history) {
    BudgetMeter meter = new BudgetMeter(budget, nanoClock);
    Inference inference = inferenceFor.apply(history);
    List<Anomaly> anomalies = new ArrayList<>();
    Set<Stage> covered = EnumSet.noneOf(Stage.class);
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("txns", history.size());
    String incomplete = null;
    DepGraph.Builder edges = new DepGraph.Builder(history.size(), meter);
    try {
      meter.allocate(200L * history.size(), "indexing " + history.size() + " transactions");
      inference.infer(edges, anomalies::add, meter);
      covered.add(Stage.INFERENCE);
      SessionOrder.addProcessEdges(history, edges);
    } catch (BudgetExceeded e) {
      return new Outcome(history, inference, anomalies, covered, e.getMessage(), stats);
    }
    int withoutRealtime = edges.size();
    boolean realtime = true;
    try {
      SessionOrder.addRealtimeEdges(history, edges, meter);
    } catch (BudgetExceeded e) {
      edges.truncate(withoutRealtime);
      realtime = false;
      incomplete = e.getMessage() + " (real-time edges skipped)";
    }
    DepGraph graph;
    try {
      graph = edges.build();
    } catch (BudgetExceeded e) {
      return new Outcome(history, inference, anomalies, covered, e.getMessage(), stats);
    }
    edges = null; // the builder's arrays are no longer needed
    stats.put("edges", graph.edgeCount());
    try {
      CycleSearch search = new CycleSearch(graph, meter);
      for (Stage stage : List.of(Stage.DATA_CYCLES, Stage.PROCESS_CYCLES,
          Stage.REALTIME_CYCLES)) {
        if (stage == Stage.REALTIME_CYCLES && !realtime) {
          break;
        }
        search.search(stage.extra, cycle -> anomalies.add(
            new Anomaly(cycle.type(), cycle.txns(), List.of(), cycle)));
        covered.add(stage);
      }
    } catch (BudgetExceeded e) {
      incomplete = e.getMessage();
    }
    return new Outcome(history, inference, anomalies, covered, incomplete, stats);
  }
}
