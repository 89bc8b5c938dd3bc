package io.faultline.checker.txn;

import java.util.function.Consumer;

/**
 * What a workload lets us infer from a history: the data dependency edges (ww, wr, rw) and the
 * anomalies visible without a graph. Implementations also explain, in plain words, why one
 * transaction precedes another by a data edge they inferred.
 */
interface Inference {

  /** Adds every data edge to {@code edges} and passes non-cycle anomalies to {@code sink}. */
  void infer(DepGraph.Builder edges, Consumer<Anomaly> sink, BudgetMeter meter);

  /**
   * Why {@code from} precedes {@code to} by a {@code type} edge (a data edge), naming the
   * transactions {@code fromName} and {@code toName}. For example
   * {@code "T2 read x = [1 2], which includes T1's append of 2"}.
   */
  String explain(int from, int to, EdgeType type, String fromName, String toName);
}
