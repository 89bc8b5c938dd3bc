package io.faultline.node.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Measures what one small append + fsync costs on the benchmark's disk right now, so write
 * throughput figures can be read against it (every durable protocol is bounded by it).
 */
final class FsyncProbe {
  private FsyncProbe() {}

  /** Returns {p50, p99} in milliseconds over {@code rounds} append+force pairs. */
  static double[] measure(Path dir, int rounds) throws IOException {
    Path file = Files.createTempFile(dir, "fsync-probe", ".bin");
    long[] nanos = new long[rounds];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer record = ByteBuffer.allocate(128);
      for (int i = 0; i < rounds; i++) {
        record.clear();
        long start = System.nanoTime();
        channel.write(record, (long) i * record.capacity());
        channel.force(false);
        nanos[i] = System.nanoTime() - start;
      }
    } finally {
      Files.deleteIfExists(file);
    }
    Arrays.sort(nanos);
    return new double[] {nanos[rounds / 2] / 1e6, nanos[(int) (rounds * 0.99) - 1] / 1e6};
  }
}
