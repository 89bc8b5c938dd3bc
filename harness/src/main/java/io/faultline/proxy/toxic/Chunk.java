package io.faultline.proxy.toxic;

/**
 * Bytes from one socket read (or a piece of them), stamped with the loop-clock time at which they
 * count as having arrived. The array is never modified after a chunk is made, so slicing shares it.
 */
public record Chunk(byte[] data, int offset, int length, long arrivalNanos) {

  public static Chunk of(byte[] data, long arrivalNanos) {
    return new Chunk(data, 0, data.length, arrivalNanos);
  }

  /** The {@code len} bytes starting {@code from} bytes into this chunk. */
  public Chunk slice(int from, int len) {
    if (from < 0 || len < 0 || from + len > length) {
      throw new IndexOutOfBoundsException(from + "+" + len + " of " + length);
    }
    return new Chunk(data, offset + from, len, arrivalNanos);
  }

  public Chunk withArrival(long nanos) {
    return new Chunk(data, offset, length, nanos);
  }
}
