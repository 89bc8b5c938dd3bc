package io.faultline.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ToxicTypeTest {
  @Test
  void missingAttributesAreZeroAndUnknownOnesDropped() {
    Toxic toxic = Toxics.of(ToxicType.LATENCY, Map.of("latency", 5L, "bogus", 1L));
    assertThat(toxic.attributeValues()).containsExactly(Map.entry("latency", 5L), Map.entry("jitter", 0L));
  }

  @Test
  void updateMergesAttributesKeyByKey() {
    Toxic toxic = Toxics.of(ToxicType.LATENCY, Map.of("latency", 100L, "jitter", 10L));
    Toxic updated = toxic.update(Map.of("jitter", 30L), null);
    assertThat(updated.attributes()).isEqualTo(new ToxicAttributes.Latency(100, 30));
    assertThat(updated.toxicity()).isEqualTo(1f);
    assertThat(toxic.update(Map.of(), 0.25f).toxicity()).isEqualTo(0.25f);
  }

  @Test
  void valuesThatCrashTheRealServerAreRefused() {
    assertThatThrownBy(() -> Toxics.of(ToxicType.BANDWIDTH, Map.of("rate", -1L)))
        .hasMessage("invalid attribute rate of bandwidth: must not be negative, got -1");
    assertThatThrownBy(() -> Toxics.of(ToxicType.SLICER, Map.of("average_size", 0L)))
        .hasMessageContaining("average_size");
    assertThatThrownBy(
            () -> Toxics.of(ToxicType.SLICER, Map.of("average_size", 5L, "size_variation", 6L)))
        .hasMessageContaining("size_variation");
    assertThatThrownBy(() -> Toxics.of(ToxicType.LIMIT_DATA, Map.of("bytes", -5L)))
        .hasMessageContaining("bytes");
  }

  @Test
  void negativeLatencyIsAcceptedAsTheRealServerDoes() {
    assertThat(Toxics.of(ToxicType.LATENCY, Map.of("latency", -5L)).attributes())
        .isEqualTo(new ToxicAttributes.Latency(-5, 0));
  }

  @Test
  void streamParsingIsCaseInsensitive() {
    assertThat(Direction.parse("UPSTREAM")).contains(Direction.UPSTREAM);
    assertThat(Direction.parse("Downstream")).contains(Direction.DOWNSTREAM);
    assertThat(Direction.parse("")).isEmpty();
    assertThat(Direction.parse("sideways")).isEmpty();
  }
}
