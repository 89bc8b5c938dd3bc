package io.faultline.checker.txn;

/**
 * A dependency cycle found in the graph: {@code txns[i]} precedes {@code txns[(i+1) % n]} by an
 * edge of type {@code steps[i]}.
 */
public record Cycle(AnomalyType type, int[] txns, EdgeType[] steps) {

  public int length() {
    return txns.length;
  }
}
