package io.faultline.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PartitionsTest {
  private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");

  @Test
  void halvesCutEveryLinkBetweenComponentsAndNoneWithin() {
    Grudge g = Partitions.randomHalves(FIVE, new SplittableRandom(1));
    Set<String> small = new HashSet<>();
    for (String n : FIVE) {
      if (g.cannotHearFrom().get(n).size() == 3) {
        small.add(n);
      }
    }
    assertThat(small).hasSize(2);
    for (String a : FIVE) {
      for (String b : FIVE) {
        boolean across = small.contains(a) != small.contains(b);
        assertThat(g.cuts(a, b)).as(a + "->" + b).isEqualTo(across);
      }
    }
  }

  @Test
  void isolateCutsOneNodeBothWays() {
    Grudge g = Partitions.isolate(FIVE, "n3");
    assertThat(g.cuts("n3", "n1")).isTrue();
    assertThat(g.cuts("n1", "n3")).isTrue();
    assertThat(g.cuts("n1", "n2")).isFalse();
    assertThat(g.toJson()).containsEntry("n3", List.of("n1", "n2", "n4", "n5"));
  }

  @Test
  void isolateLeaderAndPairsLeavesEverySurvivorAMajorityButNeverItsPartner() {
    for (long seed = 0; seed < 20; seed++) {
      Grudge g = Partitions.isolateLeaderAndPairs(FIVE, "n2", new SplittableRandom(seed));
      assertThat(g.toJson()).containsEntry("n2", List.of("n1", "n3", "n4", "n5"));
      Set<String> partnered = new HashSet<>();
      for (String n : List.of("n1", "n3", "n4", "n5")) {
        Set<String> hears = new HashSet<>(FIVE);
        hears.removeAll(g.cannotHearFrom().get(n));
        assertThat(hears).as(n).contains(n).hasSize(3).doesNotContain("n2");
        String partner = g.cannotHearFrom().get(n).stream().filter(p -> !p.equals("n2")).findFirst().orElseThrow();
        assertThat(g.cuts(n, partner)).as("symmetric " + n + "/" + partner).isTrue();
        partnered.add(n);
      }
      assertThat(partnered).hasSize(4);
    }
  }

  @Test
  void leaderMinorityCutsTheLeaderAndOneFollowerFromTheThreeOthers() {
    List<String> five = List.of("n1", "n2", "n3", "n4", "n5");
    for (int seed = 0; seed < 20; seed++) {
      Grudge g = Partitions.leaderMinority(five, "n3", new java.util.SplittableRandom(seed));
      List<String> withLeader = five.stream().filter(n -> !g.cuts("n3", n)).toList();
      assertThat(withLeader).hasSize(2).contains("n3");
      for (String a : five) {
        for (String b : five) {
          boolean sameSide = withLeader.contains(a) == withLeader.contains(b);
          assertThat(g.cuts(a, b)).as(a + "->" + b).isEqualTo(!sameSide);
        }
      }
    }
    Grudge three = Partitions.leaderMinority(List.of("n1", "n2", "n3"), "n1", new java.util.SplittableRandom(1));
    assertThat(three).isEqualTo(Partitions.isolate(List.of("n1", "n2", "n3"), "n1"));
  }

  @Test
  void majoritiesRingGivesEveryNodeADifferentMajority() {
    for (long seed = 0; seed < 20; seed++) {
      Grudge g = Partitions.majoritiesRing(FIVE, new SplittableRandom(seed));
      Set<Set<String>> views = new HashSet<>();
      for (String n : FIVE) {
        Set<String> hears = new HashSet<>(FIVE);
        hears.removeAll(g.cannotHearFrom().getOrDefault(n, Set.of()));
        assertThat(hears).contains(n).hasSize(3);
        views.add(hears);
      }
      assertThat(views).hasSize(5);
    }
  }

  @Test
  void bridgeNodeHearsBothSidesWhichCannotHearEachOther() {
    Grudge g = Partitions.bridge(FIVE, new SplittableRandom(7));
    String bridge = FIVE.stream().filter(n -> !g.cannotHearFrom().containsKey(n)).findFirst().orElseThrow();
    for (String n : FIVE) {
      assertThat(g.cuts(bridge, n)).isFalse();
      assertThat(g.cuts(n, bridge)).isFalse();
    }
    assertThat(g.cannotHearFrom()).hasSize(4);
    g.cannotHearFrom().values().forEach(deaf -> assertThat(deaf).hasSize(2));
  }

  @Test
  void sameSeedSameShape() {
    assertThat(Partitions.randomHalves(FIVE, new SplittableRandom(9)))
        .isEqualTo(Partitions.randomHalves(FIVE, new SplittableRandom(9)));
  }
}
