package io.faultline.checker.txn;

import static io.faultline.checker.txn.AnomalyType.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Consistency models as data: each forbids a set of anomalies (Adya's PL levels, Elle's
 * {@code consistency_model.clj}). A history is consistent with a model (as far as this checker
 * can tell) iff it shows none of the anomalies the model forbids. One model is at least as strong
 * as another iff it forbids everything the other forbids.
 *
 * <p>Choices worth knowing: internal inconsistency, duplicate elements, incompatible orders and
 * garbage reads are forbidden by every model (no isolation level explains them). G0 is a special
 * case of G1c, so read committed forbids it. G-single cycles include lost updates. Snapshot
 * isolation forbids G-single and G-nonadjacent (every SI cycle has two adjacent rw edges) but
 * allows G2-item write skew. With item reads only (no predicates), repeatable read (PL-2.99) and
 * serializable (PL-3) forbid the same anomalies. Monotonic atomic view is placed between read
 * committed and the view-based models; its own fractured-read anomaly is not separately
 * detected, so here it forbids what read committed forbids.
 */
public enum ConsistencyModel {
  READ_UNCOMMITTED(always(G0)),
  READ_COMMITTED(readCommitted()),
  MONOTONIC_ATOMIC_VIEW(readCommitted()),
  CONSISTENT_VIEW(union(readCommitted(), EnumSet.of(G_SINGLE, LOST_UPDATE))),
  SNAPSHOT_ISOLATION(snapshotIsolation()),
  REPEATABLE_READ(serializable()),
  SERIALIZABLE(serializable()),
  STRONG_SESSION_SNAPSHOT_ISOLATION(union(snapshotIsolation(),
      variants(EdgeType.PROCESS, G0, G1C, G_SINGLE, G_NONADJACENT))),
  STRONG_SNAPSHOT_ISOLATION(union(snapshotIsolation(),
      variants(EdgeType.PROCESS, G0, G1C, G_SINGLE, G_NONADJACENT),
      variants(EdgeType.REALTIME, G0, G1C, G_SINGLE, G_NONADJACENT))),
  STRONG_SESSION_SERIALIZABLE(union(serializable(),
      variants(EdgeType.PROCESS, G0, G1C, G_SINGLE, G_NONADJACENT, G2_ITEM))),
  STRICT_SERIALIZABLE(union(serializable(),
      variants(EdgeType.PROCESS, G0, G1C, G_SINGLE, G_NONADJACENT, G2_ITEM),
      variants(EdgeType.REALTIME, G0, G1C, G_SINGLE, G_NONADJACENT, G2_ITEM)));

  private final Set<AnomalyType> forbidden;

  ConsistencyModel(Set<AnomalyType> forbidden) {
    this.forbidden = forbidden;
  }

  /** The anomalies this model forbids. */
  public Set<AnomalyType> forbidden() {
    return EnumSet.copyOf(forbidden);
  }

  public boolean forbids(AnomalyType type) {
    return forbidden.contains(type);
  }

  /** True iff this model forbids everything {@code other} forbids. */
  public boolean atLeastAsStrongAs(ConsistencyModel other) {
    return forbidden.containsAll(other.forbidden);
  }

  /** Whether any anomaly this model forbids needs process or real-time edges to be found. */
  public boolean needs(EdgeType extra) {
    return forbidden.stream().anyMatch(t -> t.extraEdge() == extra);
  }

  /** The name used in configuration and reports: {@code strict-serializable}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses a label; the exception message lists the known models. */
  public static ConsistencyModel fromLabel(String label) {
    for (ConsistencyModel model : values()) {
      if (model.label().equals(label)) {
        return model;
      }
    }
    List<String> known = new ArrayList<>();
    for (ConsistencyModel model : values()) {
      known.add(model.label());
    }
    throw new IllegalArgumentException(
        "unknown consistency model '" + label + "'; known: " + String.join(", ", known));
  }

  /** The models a set of found anomalies rules out. */
  public static List<ConsistencyModel> ruledOut(Collection<AnomalyType> found) {
    List<ConsistencyModel> out = new ArrayList<>();
    for (ConsistencyModel model : values()) {
      if (found.stream().anyMatch(model::forbids)) {
        out.add(model);
      }
    }
    return out;
  }

  /**
   * The strongest models not ruled out: those consistent with the anomalies found that no
   * strictly stronger consistent model dominates. Models forbidding the same anomalies are
   * listed together.
   */
  public static List<ConsistencyModel> strongestConsistent(Collection<AnomalyType> found) {
    List<ConsistencyModel> consistent = new ArrayList<>(List.of(values()));
    consistent.removeAll(ruledOut(found));
    List<ConsistencyModel> strongest = new ArrayList<>();
    for (ConsistencyModel candidate : consistent) {
      boolean dominated = consistent.stream().anyMatch(other -> other != candidate
          && other.atLeastAsStrongAs(candidate) && !candidate.atLeastAsStrongAs(other));
      if (!dominated) {
        strongest.add(candidate);
      }
    }
    return strongest;
  }

  @Override
  public String toString() {
    return label();
  }

  private static Set<AnomalyType> always(AnomalyType... more) {
    Set<AnomalyType> set =
        EnumSet.of(INTERNAL, DUPLICATE_ELEMENTS, INCOMPATIBLE_ORDER, GARBAGE_READ);
    set.addAll(List.of(more));
    return set;
  }

  private static Set<AnomalyType> readCommitted() {
    return always(G0, G1A, G1B, G1C, DIRTY_UPDATE);
  }

  private static Set<AnomalyType> snapshotIsolation() {
    return union(readCommitted(), EnumSet.of(G_SINGLE, G_NONADJACENT, LOST_UPDATE));
  }

  private static Set<AnomalyType> serializable() {
    return union(readCommitted(), EnumSet.of(G_SINGLE, G_NONADJACENT, G2_ITEM, LOST_UPDATE));
  }

  private static Set<AnomalyType> variants(EdgeType extra, AnomalyType... bases) {
    Set<AnomalyType> set = EnumSet.noneOf(AnomalyType.class);
    for (AnomalyType base : bases) {
      set.add(AnomalyType.cycle(base.cycleClass(), extra));
    }
    return set;
  }

  @SafeVarargs
  private static Set<AnomalyType> union(Set<AnomalyType>... sets) {
    Set<AnomalyType> set = EnumSet.noneOf(AnomalyType.class);
    for (Set<AnomalyType> s : sets) {
      set.addAll(s);
    }
    return set;
  }
}
