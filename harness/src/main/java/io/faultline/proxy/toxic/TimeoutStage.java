package io.faultline.proxy.toxic;

import io.faultline.proxy.loop.Cancellable;

/**
 * timeout: every chunk is dropped. With timeout &gt; 0 the link is closed once no chunk has arrived
 * for that long — an idle timer restarted by each chunk, not a deadline. With 0 (or less) data is
 * black-holed and the connection kept. Removing the toxic closes the link, as the real server's
 * cleanup does (for every connection, whatever its toxicity roll).
 */
final class TimeoutStage extends Stage {
  private long lastChunk;
  private Cancellable timer;

  TimeoutStage(StageContext ctx, Toxic toxic, Sink next) {
    super(ctx, toxic, next);
  }

  private long timeoutNanos() {
    return ((ToxicAttributes.Timeout) toxic.attributes()).timeout() * 1_000_000L;
  }

  @Override
  protected void onStart() {
    lastChunk = ctx.now();
    if (timeoutNanos() > 0) {
      arm(timeoutNanos());
    }
  }

  // One timer per idle period, re-armed lazily, rather than one per chunk.
  private void arm(long delay) {
    timer = ctx.schedule(delay, this::check);
  }

  private void check() {
    timer = null;
    long idle = ctx.now() - lastChunk;
    if (idle >= timeoutNanos()) {
      emitEnd();
    } else {
      arm(timeoutNanos() - idle);
    }
  }

  @Override
  protected void onChunk(Chunk chunk) {
    ctx.discard(chunk);
    lastChunk = ctx.now();
  }

  @Override
  protected void onEnd() {
    cancel();
    emitEnd();
  }

  @Override
  protected Backlog interrupt() {
    cancel();
    return Backlog.EMPTY;
  }

  @Override
  public void remove() {
    cancel();
    emitEnd();
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
