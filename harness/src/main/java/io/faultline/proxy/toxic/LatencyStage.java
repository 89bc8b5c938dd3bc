package io.faultline.proxy.toxic;

/**
 * latency: each chunk is released at its arrival time plus latency ± jitter (jitter uniform in
 * [-jitter, +jitter), drawn per chunk). Relative to arrival, so back-to-back chunks do not add up;
 * the released chunk is stamped with its release time, so two latency toxics in a row do.
 * Interrupted (update, removal), the waiting chunk is passed on at once — never dropped.
 */
final class LatencyStage extends QueuedStage {
  private static final long NONE = Long.MIN_VALUE;
  private long releaseAt = NONE;

  LatencyStage(StageContext ctx, Toxic toxic, Sink next) {
    super(ctx, toxic, next);
  }

  @Override
  protected long step() {
    Chunk head = queue.peek();
    if (releaseAt == NONE) {
      releaseAt = head.arrivalNanos() + delayNanos();
    }
    long wait = releaseAt - ctx.now();
    if (wait > 0) {
      return wait;
    }
    queue.poll();
    Chunk released = head.withArrival(Math.max(head.arrivalNanos(), releaseAt));
    releaseAt = NONE;
    emit(released);
    return 0;
  }

  private long delayNanos() {
    ToxicAttributes.Latency a = (ToxicAttributes.Latency) toxic.attributes();
    long delay = a.latency() * 1_000_000L;
    if (a.jitter() > 0) {
      long jitter = a.jitter() * 1_000_000L;
      delay += ctx.random().nextLong(jitter * 2) - jitter;
    }
    return delay;
  }

  @Override
  protected void flushCurrent() {
    if (releaseAt != NONE) {
      releaseAt = NONE;
      emit(queue.poll());
    }
  }
}
