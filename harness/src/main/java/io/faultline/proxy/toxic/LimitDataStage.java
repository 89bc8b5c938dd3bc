package io.faultline.proxy.toxic;

/**
 * limit_data: passes at most {@code bytes} bytes, truncating the chunk that crosses the limit, then
 * closes the link (with 0, on the first chunk). The count belongs to this connection and toxic and
 * survives updates, so raising the limit lets more through on the same connection.
 */
final class LimitDataStage extends Stage {
  private long transmitted;

  LimitDataStage(StageContext ctx, Toxic toxic, Sink next) {
    super(ctx, toxic, next);
  }

  @Override
  protected void onChunk(Chunk chunk) {
    long limit = ((ToxicAttributes.LimitData) toxic.attributes()).bytes();
    long allowed = Math.max(0, limit - transmitted);
    int pass = (int) Math.min(chunk.length(), allowed);
    if (pass < chunk.length()) {
      ctx.discard(chunk.slice(pass, chunk.length() - pass));
    }
    if (pass > 0) {
      transmitted += pass;
      emit(chunk.slice(0, pass));
    }
    if (limit - transmitted <= 0) {
      emitEnd();
    }
  }

  @Override
  protected void onEnd() {
    emitEnd();
  }

  @Override
  protected Backlog interrupt() {
    return Backlog.EMPTY;
  }
}
