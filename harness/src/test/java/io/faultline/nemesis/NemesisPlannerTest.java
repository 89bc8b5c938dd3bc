package io.faultline.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NemesisPlannerTest {
  private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");

  private static List<Fault> schedule(long seed, Set<NemesisKind> kinds, int n) {
    NemesisPlanner p = new NemesisPlanner(kinds, NODES, seed);
    List<Fault> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(p.next(Optional.of("n2")));
    }
    return out;
  }

  @Test
  void sameSeedSameScheduleDifferentSeedDifferentSchedule() {
    Set<NemesisKind> all = EnumSet.allOf(NemesisKind.class);
    assertThat(schedule(5, all, 50)).isEqualTo(schedule(5, all, 50));
    assertThat(schedule(5, all, 50)).isNotEqualTo(schedule(6, all, 50));
  }

  @Test
  void onlyTheChosenKindsAndEveryKindEventually() {
    List<Fault> faults = schedule(1, EnumSet.of(NemesisKind.KILL, NemesisKind.CLOCK), 200);
    assertThat(faults).allMatch(f -> f instanceof Fault.Kill || f instanceof Fault.ClockChange);
    assertThat(faults).anyMatch(f -> f instanceof Fault.Kill).anyMatch(f -> f instanceof Fault.ClockChange);
  }

  @Test
  void latencyIsUniformOrUnevenAndUnevenLinksAreEitherFastOrSlow() {
    List<Fault> faults = schedule(3, EnumSet.of(NemesisKind.LATENCY), 40);
    List<Fault.Latency> uneven = faults.stream().map(f -> (Fault.Latency) f).filter(Fault.Latency::uneven).toList();
    assertThat(uneven).isNotEmpty().hasSizeLessThan(faults.size());
    for (Fault.Latency l : uneven) {
      assertThat(l.perLink()).hasSize(20); // every directed link of five nodes
      assertThat(l.perLink().values()).allMatch(ms -> ms < 10 || (ms >= l.latencyMs() / 2 && ms < l.latencyMs()));
      assertThat(l.perLink().values()).anyMatch(ms -> ms < 10);
    }
  }

  @Test
  void targetsHaveTheirSizesAndLeaderMeansTheLeader() {
    for (Fault f : schedule(3, EnumSet.of(NemesisKind.KILL), 300)) {
      Fault.Kill k = (Fault.Kill) f;
      switch (k.target()) {
        case "one" -> assertThat(k.nodes()).hasSize(1);
        case "minority" -> assertThat(k.nodes()).hasSize(2);
        case "majority" -> assertThat(k.nodes()).hasSize(3);
        case "all" -> assertThat(k.nodes()).hasSize(5);
        case "leader" -> assertThat(k.nodes()).containsExactly("n2");
        default -> throw new AssertionError(k.target());
      }
    }
  }

  @Test
  void isolateLeaderIsolatesTheLeader() {
    List<Fault> faults = schedule(11, EnumSet.of(NemesisKind.PARTITION), 200);
    Fault.Partition p = faults.stream().map(Fault.Partition.class::cast)
        .filter(x -> x.shape().equals("isolate-leader")).findFirst().orElseThrow();
    assertThat(p.grudge().cannotHearFrom().get("n2")).containsExactlyInAnyOrder("n1", "n3", "n4", "n5");
  }

  @Test
  void isolateLeaderPairsIsolatesTheLeaderToo() {
    List<Fault> faults = schedule(11, EnumSet.of(NemesisKind.PARTITION), 200);
    Fault.Partition p = faults.stream().map(Fault.Partition.class::cast)
        .filter(x -> x.shape().equals("isolate-leader-pairs")).findFirst().orElseThrow();
    assertThat(p.grudge().cannotHearFrom().get("n2")).containsExactlyInAnyOrder("n1", "n3", "n4", "n5");
  }

  @Test
  void threeNodeClustersNeverDrawThePairsShape() {
    NemesisPlanner planner = new NemesisPlanner(EnumSet.of(NemesisKind.PARTITION), List.of("n1", "n2", "n3"), 5);
    for (int i = 0; i < 300; i++) {
      assertThat(((Fault.Partition) planner.next(Optional.of("n1"))).shape()).isNotEqualTo("isolate-leader-pairs");
    }
  }

  @Test
  void chosenShapesAreTheOnlyOnesDrawn() {
    NemesisPlanner planner =
        new NemesisPlanner(EnumSet.of(NemesisKind.PARTITION), NODES, 5, List.of("isolate-leader", "bridge"));
    List<String> shapes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      shapes.add(((Fault.Partition) planner.next(Optional.of("n4"))).shape());
    }
    assertThat(shapes).containsOnly("isolate-leader", "bridge").contains("isolate-leader", "bridge");
    assertThatThrownBy(() -> new NemesisPlanner(EnumSet.of(NemesisKind.PARTITION), NODES, 5, List.of("cube")))
        .hasMessageContaining("unknown partition shape 'cube'").hasMessageContaining("isolate-leader-pairs");
  }

  @Test
  void chosenTargetsAreTheOnlyOnesKillPauseAndClockDraw() {
    NemesisPlanner planner = new NemesisPlanner(EnumSet.of(NemesisKind.KILL, NemesisKind.PAUSE, NemesisKind.CLOCK),
        NODES, 5, List.of(), List.of("majority", "leader"));
    Set<String> kinds = new java.util.HashSet<>();
    for (int i = 0; i < 300; i++) {
      Fault f = planner.next(Optional.of("n4"));
      kinds.add(f.getClass().getSimpleName());
      List<String> hit = f instanceof Fault.Kill k ? k.nodes() : f instanceof Fault.Pause p ? p.nodes()
          : ((Fault.ClockChange) f).nodes();
      assertThat(hit.size() == 3 || hit.equals(List.of("n4"))).as("a majority or the leader: %s", f).isTrue();
    }
    assertThat(kinds).containsExactlyInAnyOrder("Kill", "Pause", "ClockChange");
    assertThatThrownBy(() -> new NemesisPlanner(EnumSet.of(NemesisKind.KILL), NODES, 5, List.of(), List.of("half")))
        .hasMessageContaining("unknown target 'half'").hasMessageContaining("one, minority, majority, all, leader");
  }

  @Test
  void clockFaultsByDefaultSpareMajoritiesAndEveryone() {
    for (Fault f : schedule(7, EnumSet.of(NemesisKind.CLOCK), 300)) {
      assertThat(((Fault.ClockChange) f).nodes()).hasSizeLessThanOrEqualTo(2);
    }
  }

  @Test
  void parsingNamesTheBadEntryAndTheAllowedValues() {
    assertThat(NemesisKind.parse("partition, kill")).containsExactly(NemesisKind.PARTITION, NemesisKind.KILL);
    assertThat(NemesisKind.parse("none")).isEmpty();
    assertThatThrownBy(() -> NemesisKind.parse("partition,flood"))
        .hasMessageContaining("'flood'").hasMessageContaining("partition, kill, pause, clock, latency, churn, none");
  }
}
