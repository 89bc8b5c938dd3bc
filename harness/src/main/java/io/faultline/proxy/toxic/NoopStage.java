package io.faultline.proxy.toxic;

/** noop: passes everything through; also what an inactive toxic (toxicity roll lost) does. */
final class NoopStage extends Stage {
  NoopStage(StageContext ctx, Toxic toxic, Sink next) {
    super(ctx, toxic, next);
  }

  @Override
  protected void onChunk(Chunk chunk) {
    emit(chunk);
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
