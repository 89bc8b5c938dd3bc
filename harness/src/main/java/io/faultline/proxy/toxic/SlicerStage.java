package io.faultline.proxy.toxic;

import java.util.ArrayList;
import java.util.List;

/**
 * slicer: each chunk is cut in halves recursively (each cut moved randomly by up to
 * ±size_variation) until the pieces are at most average_size+size_variation bytes; the pieces are
 * written {@code delay} microseconds apart. Interrupted, the rest of the chunk goes out whole.
 */
final class SlicerStage extends QueuedStage {
  private static final long NONE = Long.MIN_VALUE;

  private int[] cuts;
  private int piece;
  private long waitUntil = NONE;

  SlicerStage(StageContext ctx, Toxic toxic, Sink next) {
    super(ctx, toxic, next);
  }

  @Override
  protected long step() {
    Chunk head = queue.peek();
    ToxicAttributes.Slicer a = (ToxicAttributes.Slicer) toxic.attributes();
    if (cuts == null) {
      cuts = cuts(head.length(), (int) a.averageSize(), (int) a.sizeVariation());
      piece = 0;
    }
    if (waitUntil != NONE) {
      long wait = waitUntil - ctx.now();
      if (wait > 0) {
        return wait;
      }
      waitUntil = NONE;
      return advance();
    }
    emit(head.slice(cuts[piece], cuts[piece + 1] - cuts[piece]));
    long delay = a.delay() * 1_000L;
    if (delay > 0) {
      waitUntil = ctx.now() + delay;
      return delay;
    }
    return advance();
  }

  private long advance() {
    piece++;
    if (piece == cuts.length - 1) {
      queue.poll();
      cuts = null;
    }
    return 0;
  }

  @Override
  protected void flushCurrent() {
    if (cuts != null) {
      Chunk head = queue.poll();
      int from = waitUntil != NONE ? cuts[piece + 1] : cuts[piece];
      cuts = null;
      waitUntil = NONE;
      if (from < head.length()) {
        emit(head.slice(from, head.length() - from));
      }
    }
  }

  /** Piece boundaries of a chunk of {@code length} bytes: 0, ..., length. */
  int[] cuts(int length, int average, int variation) {
    List<Integer> bounds = new ArrayList<>();
    bounds.add(0);
    split(0, length, average, variation, bounds);
    return bounds.stream().mapToInt(Integer::intValue).toArray();
  }

  private void split(int start, int end, int average, int variation, List<Integer> bounds) {
    if ((end - start) - average <= variation) {
      bounds.add(end);
      return;
    }
    int mid = start + (end - start) / 2;
    if (variation > 0) {
      mid += ctx.random().nextInt(variation * 2) - variation;
    }
    // The real server can cut outside the chunk here and crash; keep both halves non-empty.
    mid = Math.max(start + 1, Math.min(end - 1, mid));
    split(start, mid, average, variation, bounds);
    split(mid, end, average, variation, bounds);
  }
}
