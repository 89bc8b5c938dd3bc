package io.faultline.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyStageTest {
  private final ManualContext ctx = new ManualContext(7);
  private final RecordingSink out = new RecordingSink(ctx);

  @Test
  void delayIsRelativeToArrivalSoBackToBackChunksDoNotAccumulate() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.LATENCY, Map.of("latency", 300L)), out);
    for (int i = 0; i < 5; i++) {
      stage.chunk(Toxics.bytes(ctx, 10));
      ctx.advanceMillis(50);
    }
    ctx.advanceMillis(1000);
    assertThat(out.times()).containsExactly(300L, 350L, 400L, 450L, 500L);
  }

  @Test
  void jitterStaysWithinPlusMinusJitterAndVaries() {
    Stage stage =
        Stages.start(ctx, Toxics.of(ToxicType.LATENCY, Map.of("latency", 100L, "jitter", 20L)), out);
    for (int i = 0; i < 200; i++) {
      long sent = ctx.millis();
      stage.chunk(Toxics.bytes(ctx, 1));
      ctx.advanceMillis(200);
      long delay = out.deliveries.get(i).atMillis() - sent;
      assertThat(delay).isBetween(80L, 120L);
    }
    assertThat(out.times().stream().map(t -> t % 200).distinct().count()).isGreaterThan(10);
  }

  @Test
  void endWaitsBehindQueuedChunks() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.LATENCY, Map.of("latency", 100L)), out);
    stage.chunk(Toxics.bytes(ctx, 3));
    stage.end();
    ctx.advanceMillis(99);
    assertThat(out.endedAtMillis).isNull();
    ctx.advanceMillis(1);
    assertThat(out.bytes()).isEqualTo(3);
    assertThat(out.endedAtMillis).isEqualTo(100L);
  }

  @Test
  void removalPassesWaitingChunksOnAtOnce() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.LATENCY, Map.of("latency", 1000L)), out);
    stage.chunk(Toxics.bytes(ctx, 4));
    stage.chunk(Toxics.bytes(ctx, 5));
    ctx.advanceMillis(10);
    stage.remove();
    assertThat(out.deliveries).extracting(RecordingSink.Delivery::length).containsExactly(4, 5);
    assertThat(out.times()).containsOnly(10L);
  }

  @Test
  void updateReleasesTheWaitingChunkAndAppliesNewDelayToTheRest() {
    Toxic toxic = Toxics.of(ToxicType.LATENCY, Map.of("latency", 1000L));
    Stage stage = Stages.start(ctx, toxic, out);
    stage.chunk(Toxics.bytes(ctx, 1));
    stage.chunk(Toxics.bytes(ctx, 2));
    ctx.advanceMillis(10);
    stage.update(toxic.update(Map.of("latency", 50L), null));
    assertThat(out.deliveries).hasSize(1);
    ctx.advanceMillis(100);
    // the second chunk arrived at 0, so with the new 50 ms it goes out at 50, not at 1000
    assertThat(out.times()).containsExactly(10L, 50L);
  }

  @Test
  void zeroToxicityNeverDelays() {
    Stage stage =
        Stages.start(ctx, Toxics.of(ToxicType.LATENCY, 0f, Map.of("latency", 1000L)), out);
    for (int i = 0; i < 50; i++) {
      stage.chunk(Toxics.bytes(ctx, 1));
    }
    assertThat(out.deliveries).hasSize(50);
    assertThat(out.times()).containsOnly(0L);
  }

  @Test
  void toxicityIsRolledPerConnectionNotPerChunk() {
    int delayedConnections = 0;
    for (int connection = 0; connection < 400; connection++) {
      RecordingSink sink = new RecordingSink(ctx);
      Stage stage =
          Stages.start(ctx, Toxics.of(ToxicType.LATENCY, 0.5f, Map.of("latency", 100L)), sink);
      for (int i = 0; i < 5; i++) {
        stage.chunk(Toxics.bytes(ctx, 1));
      }
      // all chunks of one connection share the decision: either all immediate or none
      assertThat(sink.deliveries.size()).isIn(0, 5);
      if (sink.deliveries.isEmpty()) {
        delayedConnections++;
      }
      ctx.advanceMillis(200);
    }
    assertThat(delayedConnections).isBetween(150, 250);
  }
}
