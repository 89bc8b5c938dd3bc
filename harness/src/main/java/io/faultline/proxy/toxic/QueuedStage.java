package io.faultline.proxy.toxic;

import io.faultline.proxy.loop.Cancellable;
import java.util.ArrayDeque;

/**
 * A stage that works through its input one chunk at a time, like the real server's goroutine
 * reading its input channel: chunks and the end wait in a queue behind the chunk in progress.
 * Subclasses implement {@link #step()} for the head of the queue.
 */
abstract class QueuedStage extends Stage {
  /** Returned by {@link #step()} to wait until an update or removal, with no timer. */
  protected static final long HOLD = Long.MAX_VALUE;

  protected final ArrayDeque<Chunk> queue = new ArrayDeque<>();
  private boolean endQueued;
  private Cancellable timer;

  QueuedStage(StageContext ctx, Toxic toxic, Sink next) {
    super(ctx, toxic, next);
  }

  @Override
  protected final void onChunk(Chunk chunk) {
    queue.add(chunk);
    pump();
  }

  @Override
  protected final void onEnd() {
    endQueued = true;
    pump();
  }

  private void pump() {
    while (timer == null) {
      if (queue.isEmpty()) {
        if (endQueued) {
          endQueued = false;
          emitEnd();
        }
        return;
      }
      long wait = step();
      if (wait == HOLD) {
        return;
      }
      if (wait > 0) {
        timer =
            ctx.schedule(
                wait,
                () -> {
                  timer = null;
                  pump();
                });
      }
    }
  }

  /**
   * Works on {@code queue.peek()}: emits and/or polls it and returns 0 to go on with the next, or
   * returns how many nanoseconds to wait before being called again (or {@link #HOLD}).
   */
  protected abstract long step();

  /** Emits what is left of the chunk in progress, if any, and polls it from the queue. */
  protected abstract void flushCurrent();

  @Override
  protected final Backlog interrupt() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    if (!queue.isEmpty()) {
      flushCurrent();
    }
    Backlog backlog = new Backlog(copy(queue), endQueued);
    queue.clear();
    endQueued = false;
    return backlog;
  }
}
