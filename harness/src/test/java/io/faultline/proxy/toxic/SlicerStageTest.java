package io.faultline.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlicerStageTest {
  private final ManualContext ctx = new ManualContext(11);
  private final RecordingSink out = new RecordingSink(ctx);

  @Test
  void cutsInHalvesUntilSmallEnoughWithDelayInMicroseconds() {
    Toxic toxic =
        Toxics.of(ToxicType.SLICER, Map.of("average_size", 10L, "size_variation", 0L, "delay", 100_000L));
    Stage stage = Stages.start(ctx, toxic, out);
    Chunk chunk = Toxics.bytes(ctx, 50);
    stage.chunk(chunk);
    ctx.advanceMillis(2_000);
    assertThat(out.deliveries).hasSize(8);
    assertThat(out.deliveries).allMatch(d -> d.length() == 6 || d.length() == 7);
    assertThat(out.times()).containsExactly(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L);
    assertThat(concatenated()).isEqualTo(chunk.data());
  }

  @Test
  void variationKeepsPiecesWithinBoundsAndLosesNothing() {
    Toxic toxic =
        Toxics.of(ToxicType.SLICER, Map.of("average_size", 16L, "size_variation", 8L, "delay", 0L));
    Stage stage = Stages.start(ctx, toxic, out);
    Chunk chunk = Toxics.bytes(ctx, 32_768);
    stage.chunk(chunk);
    assertThat(out.deliveries).allMatch(d -> d.length() >= 1 && d.length() <= 24);
    assertThat(out.deliveries.size()).isGreaterThan(32_768 / 24);
    assertThat(concatenated()).isEqualTo(chunk.data());
  }

  @Test
  void removalSendsTheRestOfTheChunkWhole() {
    Toxic toxic =
        Toxics.of(ToxicType.SLICER, Map.of("average_size", 10L, "size_variation", 0L, "delay", 100_000L));
    Stage stage = Stages.start(ctx, toxic, out);
    Chunk chunk = Toxics.bytes(ctx, 50);
    stage.chunk(chunk);
    ctx.advanceMillis(150);
    stage.remove();
    assertThat(out.deliveries).hasSize(3);
    assertThat(concatenated()).isEqualTo(chunk.data());
  }

  private byte[] concatenated() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    out.deliveries.forEach(d -> all.writeBytes(d.bytes()));
    return all.toByteArray();
  }
}
