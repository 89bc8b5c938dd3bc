package io.faultline.node.storage;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only file of records, the building block of write-ahead logs.
 *
 * <p>Record format (big-endian): payload length (int, ≥ 1), CRC32C of the payload (int), CRC32C
 * of the previous eight header bytes (int), payload. The header checksum tells a torn write from
 * a damaged length field.
 *
 * <p>Durability: {@link #append} and {@link #appendAll} only write (the data may sit in the page
 * cache); {@link #sync} makes everything appended so far durable. Group commit = many appends,
 * one sync. {@link #truncate} is durable when it returns.
 *
 * <p>Recovery ({@link #open}) visits every intact record in order. A damaged record at the very
 * end — a header cut short, a payload running past end of file or failing its CRC as the last
 * record, or a tail of zero bytes — is what a crash mid-append leaves: it is truncated away and
 * reported through {@link #truncatedTailBytes()}. Damage anywhere else throws
 * {@link CorruptStorageException} naming the file and offset.
 *
 * <p>Not thread-safe beyond its own monitor: methods are synchronized, but callers should own a
 * log from one thread (the protocol's event loop).
 */
public final class RecordLog implements Closeable {
  public static final int HEADER_BYTES = 12;
  public static final int MAX_RECORD_BYTES = 256 << 20;

  /** Called once per intact record during recovery, in file order. */
  @FunctionalInterface
  public interface RecordVisitor {
    void visit(long offset, byte[] payload) throws IOException;
  }

  private final Path file;
  private final FileChannel channel;
  private final long truncatedTailBytes;
  private long end;

  private RecordLog(Path file, FileChannel channel, long end, long truncatedTailBytes) {
    this.file = file;
    this.channel = channel;
    this.end = end;
    this.truncatedTailBytes = truncatedTailBytes;
  }

  /**
   * Opens (creating if needed) the log at {@code file}, visits every intact record and truncates a
   * torn tail. The file's directory entry is made durable when the file is new.
   */
  public static RecordLog open(Path file, RecordVisitor visitor) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean existed = Files.exists(file);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      if (!existed) {
        Durable.syncDirectory(dir);
      }
      long size = channel.size();
      long good = scan(file, channel, size, visitor);
      if (good < size) {
        channel.truncate(good);
        channel.force(true);
      }
      return new RecordLog(file, channel, good, size - good);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Visits every intact record of {@code file} without opening it for writing or repairing it. */
  public static void read(Path file, RecordVisitor visitor) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      scan(file, channel, channel.size(), visitor);
    }
  }

  /** Returns the offset where intact records end (= size, unless the tail is torn). */
  private static long scan(Path file, FileChannel channel, long size, RecordVisitor visitor)
      throws IOException {
    channel.position(0);
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
    long pos = 0;
    CRC32C crc = new CRC32C();
    ByteBuffer header = ByteBuffer.allocate(8);
    while (pos < size) {
      if (size - pos < HEADER_BYTES) {
        return pos; // header cut short by a crash
      }
      int length = in.readInt();
      int payloadCrc = in.readInt();
      int headerCrc = in.readInt();
      header.clear();
      header.putInt(length).putInt(payloadCrc);
      crc.reset();
      crc.update(header.array(), 0, 8);
      if ((int) crc.getValue() != headerCrc || length <= 0 || length > MAX_RECORD_BYTES) {
        if (zerosFrom(channel, pos, size)) {
          return pos; // a crash left zero-filled blocks past the last write
        }
        throw new CorruptStorageException(file, pos, "bad record header (checksum or length " + length + ")");
      }
      long recordEnd = pos + HEADER_BYTES + length;
      if (recordEnd > size) {
        return pos; // header written, payload cut short
      }
      byte[] payload = new byte[length];
      in.readFully(payload);
      crc.reset();
      crc.update(payload);
      if ((int) crc.getValue() != payloadCrc) {
        if (recordEnd == size) {
          return pos; // last record, payload partly written
        }
        throw new CorruptStorageException(file, pos, "payload CRC32C mismatch in a record that is not the last");
      }
      visitor.visit(pos, payload);
      pos = recordEnd;
    }
    return pos;
  }

  private static boolean zerosFrom(FileChannel channel, long from, long size) throws IOException {
    InputStream in = new BufferedInputStream(Channels.newInputStream(channel.position(from)), 1 << 16);
    for (long p = from; p < size; p++) {
      int b = in.read();
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Appends one record (not yet durable); returns its offset. */
  public synchronized long append(byte[] payload) throws IOException {
    return appendAll(List.of(payload));
  }

  /** Appends records with one write call (not yet durable); returns the offset of the first. */
  public synchronized long appendAll(List<byte[]> payloads) throws IOException {
    int total = 0;
    for (byte[] p : payloads) {
      if (p.length == 0 || p.length > MAX_RECORD_BYTES) {
        throw new IllegalArgumentException("record payload must be 1.." + MAX_RECORD_BYTES + " bytes, was " + p.length);
      }
      total += HEADER_BYTES + p.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(total);
    CRC32C crc = new CRC32C();
    for (byte[] p : payloads) {
      crc.reset();
      crc.update(p);
      int payloadCrc = (int) crc.getValue();
      crc.reset();
      crc.update(ByteBuffer.allocate(8).putInt(p.length).putInt(payloadCrc).flip());
      buffer.putInt(p.length).putInt(payloadCrc).putInt((int) crc.getValue()).put(p);
    }
    buffer.flip();
    long first = end;
    long pos = end;
    while (buffer.hasRemaining()) {
      pos += channel.write(buffer, pos);
    }
    end = pos;
    return first;
  }

  /** Makes every appended record durable (fdatasync). */
  public synchronized void sync() throws IOException {
    channel.force(false);
  }

  /**
   * Removes every record at or after {@code offset} (which must be a record boundary returned by
   * {@link #append} or visited on recovery, or {@link #size()}); durable on return.
   */
  public synchronized void truncate(long offset) throws IOException {
    if (offset < 0 || offset > end) {
      throw new IllegalArgumentException("truncate offset " + offset + " outside 0.." + end);
    }
    channel.truncate(offset);
    channel.force(true);
    end = offset;
  }

  /** Reads the record at {@code offset} (a record boundary). */
  public synchronized byte[] readAt(long offset) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    readFully(header, offset);
    int length = header.getInt(0);
    if (length <= 0 || offset + HEADER_BYTES + length > end) {
      throw new CorruptStorageException(file, offset, "no record starts here (length " + length + ")");
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    readFully(payload, offset + HEADER_BYTES);
    CRC32C crc = new CRC32C();
    crc.update(payload.array());
    if ((int) crc.getValue() != header.getInt(4)) {
      throw new CorruptStorageException(file, offset, "payload CRC32C mismatch");
    }
    return payload.array();
  }

  private void readFully(ByteBuffer buffer, long position) throws IOException {
    long p = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, p);
      if (n < 0) {
        throw new EOFException(file + ": unexpected end of file at offset " + p);
      }
      p += n;
    }
  }

  /** Offset just past the last record: where the next append lands. */
  public synchronized long size() {
    return end;
  }

  /** Bytes of torn tail removed when this log was opened (0 for a clean file). */
  public long truncatedTailBytes() {
    return truncatedTailBytes;
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
