package io.faultline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictTest {
  @Test
  void invalidBeatsUnknownBeatsValid() {
    assertThat(Verdict.VALID.and(Verdict.VALID)).isEqualTo(Verdict.VALID);
    assertThat(Verdict.VALID.and(Verdict.UNKNOWN)).isEqualTo(Verdict.UNKNOWN);
    assertThat(Verdict.UNKNOWN.and(Verdict.INVALID)).isEqualTo(Verdict.INVALID);
    assertThat(Verdict.INVALID.and(Verdict.VALID)).isEqualTo(Verdict.INVALID);
    assertThat(Verdict.UNKNOWN.toJson()).isEqualTo("unknown");
  }
}
