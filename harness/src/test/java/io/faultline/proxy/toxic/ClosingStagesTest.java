package io.faultline.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** timeout, reset_peer, slow_close and limit_data: the toxics that end a link. */
class ClosingStagesTest {
  private final ManualContext ctx = new ManualContext(3);
  private final RecordingSink out = new RecordingSink(ctx);

  @Test
  void timeoutDropsDataAndClosesAfterAnIdlePeriodRestartedByEachChunk() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.TIMEOUT, Map.of("timeout", 100L)), out);
    for (int i = 0; i < 10; i++) {
      ctx.advanceMillis(60);
      stage.chunk(Toxics.bytes(ctx, 10));
    }
    assertThat(out.endedAtMillis).isNull(); // a trickle keeps it open past 100 ms
    ctx.advanceMillis(99);
    assertThat(out.endedAtMillis).isNull();
    ctx.advanceMillis(1);
    assertThat(out.endedAtMillis).isEqualTo(700L);
    assertThat(out.deliveries).isEmpty();
    assertThat(ctx.discarded).isEqualTo(100);
  }

  @Test
  void timeoutZeroBlackHolesForeverAndRemovalCloses() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.TIMEOUT, Map.of("timeout", 0L)), out);
    stage.chunk(Toxics.bytes(ctx, 10));
    ctx.advanceMillis(3_600_000);
    assertThat(out.endedAtMillis).isNull();
    assertThat(out.deliveries).isEmpty();
    stage.remove();
    assertThat(out.endedAtMillis).isNotNull();
    assertThat(out.deliveries).isEmpty(); // dropped data is not delivered after removal
  }

  @Test
  void resetPeerWaitsForTheFirstChunkDropsItThenCloses() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.RESET_PEER, Map.of("timeout", 50L)), out);
    ctx.advanceMillis(1_000);
    assertThat(out.endedAtMillis).isNull();
    stage.chunk(Toxics.bytes(ctx, 5));
    ctx.advanceMillis(49);
    assertThat(out.endedAtMillis).isNull();
    ctx.advanceMillis(1);
    assertThat(out.endedAtMillis).isEqualTo(1_050L);
    assertThat(out.deliveries).isEmpty();
  }

  @Test
  void resetPeerStillFiresWhenRemovedDuringItsWait() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.RESET_PEER, Map.of("timeout", 50L)), out);
    stage.chunk(Toxics.bytes(ctx, 5));
    stage.remove();
    ctx.advanceMillis(50);
    assertThat(out.endedAtMillis).isEqualTo(50L);
  }

  @Test
  void slowCloseDelaysOnlyTheEnd() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.SLOW_CLOSE, Map.of("delay", 700L)), out);
    stage.chunk(Toxics.bytes(ctx, 5));
    assertThat(out.times()).containsExactly(0L);
    ctx.advanceMillis(100);
    stage.end();
    ctx.advanceMillis(699);
    assertThat(out.endedAtMillis).isNull();
    ctx.advanceMillis(1);
    assertThat(out.endedAtMillis).isEqualTo(800L);
  }

  @Test
  void limitDataTruncatesTheCrossingChunkThenCloses() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.LIMIT_DATA, Map.of("bytes", 25L)), out);
    stage.chunk(Toxics.bytes(ctx, 10));
    stage.chunk(Toxics.bytes(ctx, 10));
    assertThat(out.endedAtMillis).isNull();
    stage.chunk(Toxics.bytes(ctx, 10));
    assertThat(out.bytes()).isEqualTo(25);
    assertThat(out.endedAtMillis).isZero();
    stage.chunk(Toxics.bytes(ctx, 10));
    assertThat(out.bytes()).isEqualTo(25);
    assertThat(ctx.discarded).isEqualTo(15);
  }

  @Test
  void limitDataZeroClosesOnTheFirstChunkNotBefore() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.LIMIT_DATA, Map.of("bytes", 0L)), out);
    ctx.advanceMillis(100);
    assertThat(out.endedAtMillis).isNull();
    stage.chunk(Toxics.bytes(ctx, 1));
    assertThat(out.endedAtMillis).isEqualTo(100L);
    assertThat(out.deliveries).isEmpty();
  }

  @Test
  void limitDataCountSurvivesUpdates() {
    Toxic toxic = Toxics.of(ToxicType.LIMIT_DATA, Map.of("bytes", 100L));
    Stage stage = Stages.start(ctx, toxic, out);
    stage.chunk(Toxics.bytes(ctx, 60));
    stage.update(toxic.update(Map.of("bytes", 80L), null));
    stage.chunk(Toxics.bytes(ctx, 60));
    assertThat(out.bytes()).isEqualTo(80);
    assertThat(out.endedAtMillis).isNotNull();
  }
}
