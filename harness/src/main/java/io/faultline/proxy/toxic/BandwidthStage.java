package io.faultline.proxy.toxic;

/**
 * bandwidth: limits the stream to {@code rate} KB/s (1 KB = 1000 bytes), following the real
 * server's algorithm: a chunk adds size/rate ms of debt; a chunk larger than rate×100 bytes goes out
 * in rate×100-byte pieces every 100 ms; the rest is released once the debt has been slept off, the
 * timer's lateness being carried over. Rate 0 holds the stream completely (data kept, not dropped)
 * until the toxic is updated or removed.
 */
final class BandwidthStage extends QueuedStage {
  private static final long NONE = Long.MIN_VALUE;
  private static final long PIECE_NANOS = 100_000_000L;

  private long debtNanos;
  private boolean started;
  private int offset;
  private long waitStart;
  private long waitUntil = NONE;

  BandwidthStage(StageContext ctx, Toxic toxic, Sink next) {
    super(ctx, toxic, next);
  }

  @Override
  protected void onStart() {
    debtNanos = 0;
  }

  @Override
  protected long step() {
    long rate = ((ToxicAttributes.Bandwidth) toxic.attributes()).rate();
    if (rate <= 0) {
      return HOLD;
    }
    Chunk head = queue.peek();
    if (!started) {
      started = true;
      offset = 0;
      debtNanos += head.length() * 1_000_000L / rate;
    }
    long remaining = head.length() - offset;
    long now = ctx.now();
    if (waitUntil == NONE) {
      waitStart = now;
      waitUntil = now + (remaining > rate * 100 ? PIECE_NANOS : Math.max(0, debtNanos));
    }
    if (now < waitUntil) {
      return waitUntil - now;
    }
    waitUntil = NONE;
    if (remaining > rate * 100) {
      int piece = (int) (rate * 100);
      emit(head.slice(offset, piece));
      offset += piece;
      debtNanos -= PIECE_NANOS;
    } else {
      debtNanos -= now - waitStart;
      queue.poll();
      started = false;
      emit(head.slice(offset, (int) remaining));
    }
    return 0;
  }

  @Override
  protected void flushCurrent() {
    if (started) {
      Chunk head = queue.poll();
      started = false;
      waitUntil = NONE;
      emit(head.slice(offset, head.length() - offset));
    }
  }
}
