package io.faultline.checker.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.Verdict;
import io.faultline.checker.history.History;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.checker.history.Pairing;
import io.faultline.checker.linear.LinearizabilityChecker;
import io.faultline.checker.model.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomHistoryGeneratorTest {
  private final LinearizabilityChecker checker =
      LinearizabilityChecker.builder().model(Models.byName("cas-register")).build();

  @Test
  void sameSeedSameHistory() {
    var cfg = new RandomHistoryGenerator.Config(11, 5, 4, 2000, 0.05, true, 0.0);
    assertThat(RandomHistoryGenerator.generate(cfg)).isEqualTo(RandomHistoryGenerator.generate(cfg));
  }

  @Test
  void wellFormedAndLinearizableByConstruction() throws Exception {
    for (long seed = 0; seed < 20; seed++) {
      List<Op> h = RandomHistoryGenerator.generate(new RandomHistoryGenerator.Config(seed, 4, 5, 1000, 0.05, true, 0.0));
      assertThat(Pairing.pair(History.of("gen", h))).hasSize(1000 - (int) h.stream().filter(o -> o.type() == OpType.FAIL).count());
      assertThat(h.stream().filter(o -> o.type() == OpType.INFO).count()).isBetween(20L, 90L);
      assertThat(checker.check(h).verdict()).as("seed %d", seed).isEqualTo(Verdict.VALID);
    }
  }

  @Test
  void crashHeavyHistoriesAreCrashHeavyAndLinearizableByConstruction() {
    for (long seed = 0; seed < 10; seed++) {
      var cfg = RandomHistoryGenerator.Config.crashHeavy(seed, 2, 10, 2000, 0.6, 0.0);
      List<Op> h = RandomHistoryGenerator.generate(cfg);
      assertThat(h).isEqualTo(RandomHistoryGenerator.generate(cfg));
      List<Op> invokes = h.stream().filter(o -> o.type() == OpType.INVOKE).toList();
      assertThat(invokes).hasSize(2000);
      assertThat(h.stream().filter(o -> o.type() == OpType.INFO).count()).isBetween(1100L, 1300L);
      assertThat(invokes.stream().filter(o -> o.f().equals("cas")).count()).isBetween(1100L, 1300L);
      for (Op o : invokes) {
        List<?> values = o.value() instanceof List<?> l ? l : o.value() == null ? List.of() : List.of(o.value());
        for (Object v : values) {
          assertThat((Long) v).isBetween(0L, 2L);
        }
      }
      assertThat(checker.check(h).verdict()).as("seed %d", seed).isEqualTo(Verdict.VALID);
    }
  }

  @Test
  void theStandardMixIsTheDefault() {
    assertThat(new RandomHistoryGenerator.Config(3, 2, 4, 500, 0.05, true, 0.0)).isEqualTo(
        new RandomHistoryGenerator.Config(3, 2, 4, 500, 0.05, true, 0.0, 5, RandomHistoryGenerator.Mix.STANDARD));
  }

  @Test
  void staleReadsAreCaught() {
    int invalid = 0;
    for (long seed = 0; seed < 20; seed++) {
      List<Op> h = RandomHistoryGenerator.generate(new RandomHistoryGenerator.Config(seed, 1, 4, 300, 0.0, true, 0.05));
      invalid += checker.check(h).verdict() == Verdict.INVALID ? 1 : 0;
    }
    assertThat(invalid).isGreaterThan(15);
  }
}
