package io.faultline.checker.txn;

import static io.faultline.checker.txn.AnomalyType.*;
import static io.faultline.checker.txn.ConsistencyModel.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which anomalies rule out which models (Adya; Elle's consistency_model.clj). */
class ConsistencyModelTest {

  @Test
  void gSingleOnlyIsReadCommittedButNotSnapshotIsolation() {
    List<ConsistencyModel> out = ruledOut(Set.of(G_SINGLE));
    assertThat(out).contains(CONSISTENT_VIEW, SNAPSHOT_ISOLATION, REPEATABLE_READ, SERIALIZABLE,
        STRICT_SERIALIZABLE).doesNotContain(READ_COMMITTED, READ_UNCOMMITTED,
        MONOTONIC_ATOMIC_VIEW);
  }

  @Test
  void writeSkewIsSnapshotIsolationButNotSerializable() {
    assertThat(ruledOut(Set.of(G2_ITEM))).contains(SERIALIZABLE, REPEATABLE_READ)
        .doesNotContain(SNAPSHOT_ISOLATION, CONSISTENT_VIEW);
    assertThat(strongestConsistent(Set.of(G2_ITEM)))
        .containsExactly(STRONG_SNAPSHOT_ISOLATION);
  }

  @Test
  void gNonadjacentRulesOutSnapshotIsolationOnly() {
    assertThat(ruledOut(Set.of(G_NONADJACENT))).contains(SNAPSHOT_ISOLATION, SERIALIZABLE)
        .doesNotContain(CONSISTENT_VIEW, READ_COMMITTED);
  }

  @Test
  void readUncommittedOnlyForbidsWriteCycles() {
    assertThat(ruledOut(Set.of(G1A, G1B, G1C))).doesNotContain(READ_UNCOMMITTED)
        .contains(READ_COMMITTED);
    assertThat(ruledOut(Set.of(G0))).contains(READ_UNCOMMITTED);
    assertThat(strongestConsistent(Set.of(G0))).isEmpty();
    assertThat(strongestConsistent(Set.of(G1A))).containsExactly(READ_UNCOMMITTED);
  }

  @Test
  void noAnomaliesMeansStrictSerializable() {
    assertThat(ruledOut(Set.of())).isEmpty();
    assertThat(strongestConsistent(Set.of())).containsExactly(STRICT_SERIALIZABLE);
  }

  @Test
  void realtimeVariantsOnlyMatterToRealtimeModels() {
    assertThat(ruledOut(Set.of(G_SINGLE_REALTIME)))
        .containsExactlyInAnyOrder(STRICT_SERIALIZABLE, STRONG_SNAPSHOT_ISOLATION);
    assertThat(ruledOut(Set.of(G2_ITEM_PROCESS))).containsExactlyInAnyOrder(
        STRONG_SESSION_SERIALIZABLE, STRICT_SERIALIZABLE);
    assertThat(strongestConsistent(Set.of(G2_ITEM_REALTIME)))
        .containsExactlyInAnyOrder(STRONG_SESSION_SERIALIZABLE, STRONG_SNAPSHOT_ISOLATION);
  }

  @Test
  void lostUpdateIsAllowedByReadCommittedOnly() {
    assertThat(ruledOut(Set.of(LOST_UPDATE))).contains(SNAPSHOT_ISOLATION, CONSISTENT_VIEW)
        .doesNotContain(READ_COMMITTED);
  }

  @Test
  void garbageRulesOutEverything() {
    for (AnomalyType type : List.of(INTERNAL, GARBAGE_READ, DUPLICATE_ELEMENTS,
        INCOMPATIBLE_ORDER)) {
      assertThat(ruledOut(Set.of(type))).containsExactly(ConsistencyModel.values());
    }
  }

  @Test
  void strengthIsInclusionOfForbiddenSets() {
    assertThat(STRICT_SERIALIZABLE.atLeastAsStrongAs(SERIALIZABLE)).isTrue();
    assertThat(SERIALIZABLE.atLeastAsStrongAs(SNAPSHOT_ISOLATION)).isTrue();
    assertThat(SNAPSHOT_ISOLATION.atLeastAsStrongAs(SERIALIZABLE)).isFalse();
    assertThat(SNAPSHOT_ISOLATION.atLeastAsStrongAs(READ_COMMITTED)).isTrue();
    for (ConsistencyModel model : ConsistencyModel.values()) {
      assertThat(STRICT_SERIALIZABLE.atLeastAsStrongAs(model)).isTrue();
      assertThat(model.atLeastAsStrongAs(READ_UNCOMMITTED)).isTrue();
    }
  }

  @Test
  void labelsRoundTripAndUnknownNamesAreExplained() {
    for (ConsistencyModel model : ConsistencyModel.values()) {
      assertThat(ConsistencyModel.fromLabel(model.label())).isEqualTo(model);
    }
    assertThatThrownBy(() -> ConsistencyModel.fromLabel("linearizable"))
        .hasMessageStartingWith("unknown consistency model 'linearizable'; known: ")
        .hasMessageContaining("strict-serializable");
    for (AnomalyType type : AnomalyType.values()) {
      assertThat(AnomalyType.fromLabel(type.label())).isEqualTo(type);
    }
    assertThat(G_SINGLE_REALTIME.label()).isEqualTo("G-single-realtime");
    assertThat(G1A.label()).isEqualTo("G1a");
  }
}
