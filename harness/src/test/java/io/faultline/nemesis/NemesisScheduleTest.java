package io.faultline.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NemesisScheduleTest {

  private static NemesisSchedule schedule(SplittableRandom stagger) {
    return new NemesisSchedule(null, null, Optional::empty, 10_000, 10_000, stagger);
  }

  private static List<Long> gaps(NemesisSchedule s, int n) {
    List<Long> gaps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      gaps.add(s.nextGapMillis());
    }
    return gaps;
  }

  @Test
  void aSingleKindKeepsTheExactInterval() {
    assertThat(gaps(schedule(null), 5)).containsOnly(10_000L);
  }

  @Test
  void staggeredGapsDriftAroundTheIntervalAndRepeatWithTheSeed() {
    List<Long> gaps = gaps(schedule(new SplittableRandom(7)), 200);
    assertThat(gaps).allSatisfy(g -> assertThat(g).isBetween(5_000L, 14_999L));
    // Spread over the range, so the kinds meet in every phase rather than in one.
    assertThat(gaps.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(6_000L);
    assertThat(gaps.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(14_000L);
    assertThat(gaps(schedule(new SplittableRandom(7)), 200)).isEqualTo(gaps);
  }
}
