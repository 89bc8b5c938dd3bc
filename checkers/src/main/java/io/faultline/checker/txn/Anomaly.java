package io.faultline.checker.txn;

import java.util.List;

/**
 * One anomaly found: its type, the transactions involved (ids into the {@link TxnHistory}) and a
 * plain-words explanation, one line per step. {@code cycle} is set for cycle anomalies.
 */
public record Anomaly(AnomalyType type, int[] txns, List<String> explanation, Cycle cycle) {

  static Anomaly of(AnomalyType type, List<String> explanation, int... txns) {
    return new Anomaly(type, txns, List.copyOf(explanation), null);
  }

  static Anomaly of(AnomalyType type, String explanation, int... txns) {
    return new Anomaly(type, txns, List.of(explanation), null);
  }
}
