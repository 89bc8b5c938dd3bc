package io.faultline.proxy.toxic;

/** Where a pipeline stage hands its output: the next stage, or the socket writer at the end. */
public interface Sink {
  void chunk(Chunk chunk);

  /** The input has ended; nothing follows. Delivered at most once. */
  void end();
}
