package io.faultline.proxy.toxic;

import io.faultline.proxy.loop.Cancellable;

/** slow_close: data passes untouched; the end of the stream is passed on {@code delay} ms late. */
final class SlowCloseStage extends Stage {
  private Cancellable pendingEnd;

  SlowCloseStage(StageContext ctx, Toxic toxic, Sink next) {
    super(ctx, toxic, next);
  }

  @Override
  protected void onChunk(Chunk chunk) {
    emit(chunk);
  }

  @Override
  protected void onEnd() {
    if (pendingEnd == null) {
      long delay = ((ToxicAttributes.SlowClose) toxic.attributes()).delay();
      pendingEnd = ctx.schedule(delay * 1_000_000L, this::emitEnd);
    }
  }

  /** An interrupted delay starts over with the new values; a removed one closes at once. */
  @Override
  protected Backlog interrupt() {
    if (pendingEnd == null) {
      return Backlog.EMPTY;
    }
    pendingEnd.cancel();
    pendingEnd = null;
    return new Backlog(java.util.List.of(), true);
  }
}
