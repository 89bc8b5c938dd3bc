package io.faultline.checker.txn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an analysis outcome into the JSON-shaped {@code details} of a check result:
 *
 * <pre>
 * model, anomaly-types, anomalies: {type: [{ops: [{name,index,process,type,value}],
 *   explanation: [...], cycle-length, svg (first cycle of a type)}]}, counts,
 * not (models ruled out), strongest-consistent, covered, incomplete, stats
 * </pre>
 *
 * Cycles are listed shortest first and explained edge by edge; at most
 * {@value #MAX_PER_TYPE} instances per type are described (counts has them all).
 */
final class TxnReport {
  static final int MAX_PER_TYPE = 8;
  /** Longer cycles are explained in their first steps only, and not drawn. */
  static final int MAX_EXPLAINED_STEPS = 40;
  static final int MAX_DRAWN = 16;

  private TxnReport() {}

  static Map<String, Object> details(ConsistencyModel model, TxnAnalysis.Outcome outcome) {
    Map<AnomalyType, List<Anomaly>> byType = new EnumMap<>(AnomalyType.class);
    for (Anomaly anomaly : outcome.anomalies()) {
      byType.computeIfAbsent(anomaly.type(), t -> new ArrayList<>()).add(anomaly);
    }
    Map<String, Object> anomalies = new LinkedHashMap<>();
    Map<String, Object> counts = new LinkedHashMap<>();
    for (Map.Entry<AnomalyType, List<Anomaly>> entry : byType.entrySet()) {
      List<Anomaly> list = new ArrayList<>(entry.getValue());
      list.sort(Comparator.comparingInt(a -> a.txns().length));
      List<Object> described = new ArrayList<>();
      for (Anomaly anomaly : list.subList(0, Math.min(MAX_PER_TYPE, list.size()))) {
        described.add(describe(anomaly, outcome, described.isEmpty()));
      }
      anomalies.put(entry.getKey().label(), described);
      counts.put(entry.getKey().label(), list.size());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("model", model.label());
    details.put("anomaly-types", new ArrayList<>(counts.keySet()));
    details.put("anomalies", anomalies);
    details.put("counts", counts);
    List<String> forbidden = new ArrayList<>();
    for (AnomalyType type : byType.keySet()) {
      if (model.forbids(type)) {
        forbidden.add(type.label());
      }
    }
    details.put("forbidden-by-model", forbidden);
    details.put("not", labels(ConsistencyModel.ruledOut(byType.keySet())));
    details.put("strongest-consistent",
        labels(ConsistencyModel.strongestConsistent(byType.keySet())));
    List<String> covered = new ArrayList<>();
    for (TxnAnalysis.Stage stage : outcome.covered()) {
      covered.add(stage.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    details.put("covered", covered);
    if (outcome.incomplete() != null) {
      details.put("incomplete", outcome.incomplete());
    }
    details.put("stats", outcome.stats());
    return details;
  }

  private static List<String> labels(List<ConsistencyModel> models) {
    return models.stream().map(ConsistencyModel::label).toList();
  }

  private static Map<String, Object> describe(Anomaly anomaly, TxnAnalysis.Outcome outcome,
      boolean withSvg) {
    TxnHistory history = outcome.history();
    Map<String, Object> json = new LinkedHashMap<>();
    List<Object> ops = new ArrayList<>();
    int count = anomaly.txns().length;
    for (int i = 0; i < count; i++) {
      if (i >= MAX_EXPLAINED_STEPS && i < count - 1) {
        continue; // the middle of a long cycle: its steps are not explained either
      }
      Map<String, Object> op = new LinkedHashMap<>();
      op.put("name", "T" + (i + 1));
      op.putAll(history.get(anomaly.txns()[i]).toJson());
      ops.add(op);
    }
    json.put("ops", ops);
    Cycle cycle = anomaly.cycle();
    if (cycle == null) {
      json.put("explanation", anomaly.explanation());
      return json;
    }
    json.put("cycle-length", cycle.length());
    json.put("explanation", explainCycle(cycle, outcome));
    if (withSvg && cycle.length() <= MAX_DRAWN) {
      List<String> names = new ArrayList<>();
      List<String> captions = new ArrayList<>();
      List<String> edges = new ArrayList<>();
      for (int i = 0; i < cycle.length(); i++) {
        names.add("T" + (i + 1));
        captions.add(history.get(cycle.txns()[i]).describe());
        edges.add(cycle.steps()[i].label());
      }
      json.put("svg", CycleSvg.render(cycle.type().label(), names, captions, edges));
    }
    return json;
  }

  /** One line per edge, e.g. "T1 < T2: T2 read x = [1 2], which includes T1's append of 2". */
  static List<String> explainCycle(Cycle cycle, TxnAnalysis.Outcome outcome) {
    List<String> lines = new ArrayList<>();
    lines.add(summary(cycle));
    int n = cycle.length();
    for (int i = 0; i < n; i++) {
      if (i == MAX_EXPLAINED_STEPS && n > MAX_EXPLAINED_STEPS + 1) {
        lines.add("... " + (n - 1 - i) + " more steps ...");
        i = n - 1; // still explain the closing edge
      }
      int from = cycle.txns()[i];
      int to = cycle.txns()[(i + 1) % n];
      String fromName = "T" + (i + 1);
      String toName = "T" + ((i + 1) % n + 1);
      EdgeType type = cycle.steps()[i];
      lines.add(switch (type) {
        case PROCESS -> fromName + " < " + toName + ": both ran on process "
            + outcome.history().get(from).process() + ", " + fromName + " first";
        case REALTIME -> fromName + " < " + toName + ": " + fromName + " completed (index "
            + outcome.history().get(from).index() + ") before " + toName
            + " was invoked (index " + outcome.history().get(to).invoke().index() + ")";
        default -> outcome.inference().explain(from, to, type, fromName, toName);
      });
    }
    lines.add("so T1 precedes itself: a cycle, which no serial order allows");
    return lines;
  }

  private static String summary(Cycle cycle) {
    String shape = switch (cycle.type().cycleClass()) {
      case G0 -> "a cycle of write-write (ww) dependencies";
      case G1C -> "a cycle of ww and write-read (wr) dependencies";
      case G_SINGLE -> "a cycle with exactly one anti-dependency (rw)";
      case G_NONADJACENT -> "a cycle with several anti-dependencies (rw), none adjacent";
      case G2_ITEM -> "a cycle with several anti-dependencies (rw), some adjacent";
    };
    EdgeType extra = cycle.type().extraEdge();
    String needs = extra == null ? "" : ", which needs " + extra.label() + " order";
    return cycle.type().label() + ": " + shape + needs + " among " + cycle.length()
        + " transactions";
  }
}
