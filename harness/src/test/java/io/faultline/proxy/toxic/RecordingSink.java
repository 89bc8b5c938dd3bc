package io.faultline.proxy.toxic;

import java.util.ArrayList;
import java.util.List;

/** Records what reaches the end of a pipeline and when (loop-clock milliseconds). */
final class RecordingSink implements Sink {
  record Delivery(long atMillis, int length, byte[] bytes) {}

  private final ManualContext ctx;
  final List<Delivery> deliveries = new ArrayList<>();
  Long endedAtMillis;

  RecordingSink(ManualContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void chunk(Chunk chunk) {
    byte[] copy = new byte[chunk.length()];
    System.arraycopy(chunk.data(), chunk.offset(), copy, 0, chunk.length());
    deliveries.add(new Delivery(ctx.millis(), chunk.length(), copy));
  }

  @Override
  public void end() {
    if (endedAtMillis != null) {
      throw new AssertionError("end delivered twice");
    }
    endedAtMillis = ctx.millis();
  }

  int bytes() {
    return deliveries.stream().mapToInt(Delivery::length).sum();
  }

  List<Long> times() {
    return deliveries.stream().map(Delivery::atMillis).toList();
  }
}
