package io.faultline.checker.txn;

import java.util.Locale;

/**
 * Every anomaly the transactional checkers report. Cycle anomalies come in three flavours: on
 * data edges alone, and needing process (session) or real-time edges too ({@code -process},
 * {@code -realtime}). The others are found without a dependency graph.
 */
public enum AnomalyType {
  G0(CycleClass.G0, null),
  G1C(CycleClass.G1C, null),
  G_SINGLE(CycleClass.G_SINGLE, null),
  G_NONADJACENT(CycleClass.G_NONADJACENT, null),
  G2_ITEM(CycleClass.G2_ITEM, null),
  G0_PROCESS(CycleClass.G0, EdgeType.PROCESS),
  G1C_PROCESS(CycleClass.G1C, EdgeType.PROCESS),
  G_SINGLE_PROCESS(CycleClass.G_SINGLE, EdgeType.PROCESS),
  G_NONADJACENT_PROCESS(CycleClass.G_NONADJACENT, EdgeType.PROCESS),
  G2_ITEM_PROCESS(CycleClass.G2_ITEM, EdgeType.PROCESS),
  G0_REALTIME(CycleClass.G0, EdgeType.REALTIME),
  G1C_REALTIME(CycleClass.G1C, EdgeType.REALTIME),
  G_SINGLE_REALTIME(CycleClass.G_SINGLE, EdgeType.REALTIME),
  G_NONADJACENT_REALTIME(CycleClass.G_NONADJACENT, EdgeType.REALTIME),
  G2_ITEM_REALTIME(CycleClass.G2_ITEM, EdgeType.REALTIME),
  /** Aborted read: a committed transaction read a write of a failed one. */
  G1A(null, null),
  /** Intermediate read: a read saw a write its writer later overwrote in the same txn. */
  G1B(null, null),
  /** A transaction's reads disagree with its own earlier reads and writes. */
  INTERNAL(null, null),
  /** A list-append read holds the same element twice. */
  DUPLICATE_ELEMENTS(null, null),
  /** Two reads of one key that are not prefixes of one another: no version order exists. */
  INCOMPATIBLE_ORDER(null, null),
  /** A read returned a value no transaction ever wrote. */
  GARBAGE_READ(null, null),
  /** A committed write was ordered after a failed transaction's write to the same key. */
  DIRTY_UPDATE(null, null),
  /** Two committed transactions read the same version of a key and both wrote that key. */
  LOST_UPDATE(null, null);

  private final CycleClass cycleClass;
  private final EdgeType extra;

  AnomalyType(CycleClass cycleClass, EdgeType extra) {
    this.cycleClass = cycleClass;
    this.extra = extra;
  }

  /** The name used in reports, as Elle spells it: {@code G-single-realtime}, {@code G1a}. */
  public String label() {
    String base = switch (this) {
      case G1A -> "G1a";
      case G1B -> "G1b";
      default -> cycleClass == null ? name().toLowerCase(Locale.ROOT).replace('_', '-')
          : switch (cycleClass) {
            case G0 -> "G0";
            case G1C -> "G1c";
            case G_SINGLE -> "G-single";
            case G_NONADJACENT -> "G-nonadjacent";
            case G2_ITEM -> "G2-item";
          };
    };
    return extra == null ? base : base + "-" + extra.label();
  }

  public boolean isCycle() {
    return cycleClass != null;
  }

  CycleClass cycleClass() {
    return cycleClass;
  }

  /** PROCESS or REALTIME for the variants that need those edges; null otherwise. */
  public EdgeType extraEdge() {
    return extra;
  }

  static AnomalyType cycle(CycleClass cycleClass, EdgeType extra) {
    for (AnomalyType type : values()) {
      if (type.cycleClass == cycleClass && type.extra == extra) {
        return type;
      }
    }
    throw new IllegalArgumentException(cycleClass + " " + extra);
  }

  public static AnomalyType fromLabel(String label) {
    for (AnomalyType type : values()) {
      if (type.label().equals(label)) {
        return type;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return label();
  }
}
