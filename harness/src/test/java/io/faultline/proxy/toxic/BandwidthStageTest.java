package io.faultline.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BandwidthStageTest {
  private final ManualContext ctx = new ManualContext(1);
  private final RecordingSink out = new RecordingSink(ctx);

  @Test
  void limitsRateInThousandByteKilobytes() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.BANDWIDTH, Map.of("rate", 100L)), out);
    // 200 000 bytes in 32 KiB-ish reads, as a socket would deliver them
    int sent = 0;
    while (sent < 200_000) {
      int n = Math.min(32_768, 200_000 - sent);
      stage.chunk(Toxics.bytes(ctx, n));
      sent += n;
    }
    ctx.advanceMillis(5_000);
    assertThat(out.bytes()).isEqualTo(200_000);
    long last = out.times().get(out.times().size() - 1);
    assertThat(last).isBetween(1_900L, 2_100L);
    // never more than rate x 100 bytes in one piece
    assertThat(out.deliveries).allMatch(d -> d.length() <= 10_000);
  }

  @Test
  void smallChunksAreDelayedBySizeOverRate() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.BANDWIDTH, Map.of("rate", 10L)), out);
    stage.chunk(Toxics.bytes(ctx, 500)); // 500 B at 10 KB/s = 50 ms
    ctx.advanceMillis(49);
    assertThat(out.deliveries).isEmpty();
    ctx.advanceMillis(1);
    assertThat(out.deliveries).hasSize(1);
  }

  @Test
  void rateZeroHoldsDataUntilRemovedAndNothingIsLost() {
    Stage stage = Stages.start(ctx, Toxics.of(ToxicType.BANDWIDTH, Map.of("rate", 0L)), out);
    stage.chunk(Toxics.bytes(ctx, 1000));
    stage.chunk(Toxics.bytes(ctx, 7));
    stage.end();
    ctx.advanceMillis(60_000);
    assertThat(out.deliveries).isEmpty();
    assertThat(out.endedAtMillis).isNull();
    stage.remove();
    assertThat(out.bytes()).isEqualTo(1007);
    assertThat(out.endedAtMillis).isEqualTo(60_000L);
    assertThat(ctx.discarded).isZero();
  }

  @Test
  void raisingRateFromZeroReleasesHeldData() {
    Toxic toxic = Toxics.of(ToxicType.BANDWIDTH, Map.of("rate", 0L));
    Stage stage = Stages.start(ctx, toxic, out);
    stage.chunk(Toxics.bytes(ctx, 1000));
    ctx.advanceMillis(1000);
    stage.update(toxic.update(Map.of("rate", 1000L), null));
    ctx.advanceMillis(10);
    assertThat(out.bytes()).isEqualTo(1000);
  }
}
