package io.faultline.proxy.toxic;

/**
 * reset_peer: waits for the first chunk (or the end) in its stream, drops it, waits
 * {@code timeout} ms, then closes the link. The reset (RST rather than FIN) comes from the
 * connection having set SO_LINGER=0 at setup when a reset_peer toxic was already present; see
 * {@code Connection}. As in the real server, the wait cannot be called off: once triggered, the
 * close happens even if the toxic is updated or removed meanwhile.
 */
final class ResetPeerStage extends Stage {
  private boolean triggered;

  ResetPeerStage(StageContext ctx, Toxic toxic, Sink next) {
    super(ctx, toxic, next);
  }

  @Override
  protected void onChunk(Chunk chunk) {
    ctx.discard(chunk);
    trigger();
  }

  @Override
  protected void onEnd() {
    trigger();
  }

  private void trigger() {
    if (!triggered) {
      triggered = true;
      long timeout = ((ToxicAttributes.ResetPeer) toxic.attributes()).timeout();
      ctx.schedule(timeout * 1_000_000L, this::emitEnd);
    }
  }

  @Override
  protected Backlog interrupt() {
    return Backlog.EMPTY;
  }
}
