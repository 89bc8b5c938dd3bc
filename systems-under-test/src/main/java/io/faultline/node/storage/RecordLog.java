package io.faultline.node.storage;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
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
 * <p>Recovery ({@link #open}) visits every intact record in order. A damaged record followed by
 * nothing but zero bytes — a header cut short, a payload running past end of file, a bad payload
 * CRC in the last record, a zero header — is what a crash mid-append leaves: it is truncated away
 * and reported through {@link #truncatedTailBytes()}. Damage anywhere else throws
 * {@link CorruptStorageException} naming the file and offset.
 *
 * <p>Preallocation (optional, {@link #open(Path, RecordVisitor, long)}): the file is zero-filled
 * ahead of the last record, so an fsync after an append overwrites existing blocks and need not
 * journal a new file size — on ext4 here that makes it 2-3× cheaper. The space is added in steps
 * that grow with the log: as large as the log already is, at least {@link #MIN_PREALLOCATE_STEP}
 * and at most the {@code preallocateBytes} asked for, so a small log (a short test run) carries
 * little zero space and a large one still changes its size only now and then. The zero tail is
 * what the recovery rule above already treats as "nothing written", so it is cut off again
 * whenever it is not needed: on open (recovery), and on {@link #close()}, so a log closed cleanly
 * holds exactly its records. Only a process killed while the log is open leaves a zero tail on
 * disk, of one step at most.
 *
 * <p>Not thread-safe beyond its own monitor: methods are synchronized, but callers should own a
 * log from one thread (the protocol's event loop).
 */
public final class RecordLog implements Closeable {
  public static final int HEADER_BYTES = 12;
  public static final int MAX_RECORD_BYTES = 256 << 20;
  /** The smallest preallocation step (unless {@code preallocateBytes} is smaller still). */
  public static final long MIN_PREALLOCATE_STEP = 1 << 20;

  /** Called once per intact record during recovery, in file order. */
  @FunctionalInterface
  public interface RecordVisitor {
    void visit(long offset, byte[] payload) throws IOException;
  }

  private static final int ZERO_CHUNK = 1 << 20;

  private final Path file;
  private final FileChannel channel;
  private final long truncatedTailBytes;
  private final long preallocateBytes;
  private long end;
  private long allocated;
  private boolean closed;

  private RecordLog(Path file, FileChannel channel, long end, long truncatedTailBytes, long preallocateBytes) {
    this.file = file;
    this.channel = channel;
    this.end = end;
    this.allocated = end;
    this.truncatedTailBytes = truncatedTailBytes;
    this.preallocateBytes = preallocateBytes;
  }

  /** Where intact records end, and whether anything but zeros followed. */
  private record Scan(long end, boolean damagedTail) {}

  /**
   * Opens (creating if needed) the log at {@code file}, visits every intact record and truncates a
   * torn tail. The file's directory entry is made durable when the file is new.
   */
  public static RecordLog open(Path file, RecordVisitor visitor) throws IOException {
    return open(file, visitor, 0);
  }

  /**
   * Like {@link #open(Path, RecordVisitor)}, and preallocates zero-filled space ahead of the last
   * record in steps of up to {@code preallocateBytes} (0 = no preallocation; see the class comment).
   */
  public static RecordLog open(Path file, RecordVisitor visitor, long preallocateBytes) throws IOException {
    if (preallocateBytes < 0) {
      throw new IllegalArgumentException("preallocateBytes must be >= 0, was " + preallocateBytes);
    }
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
      Scan scan = scan(file, channel, size, visitor);
      long good = scan.end();
      if (good < size) {
        channel.truncate(good);
        channel.force(true);
      }
      return new RecordLog(file, channel, good, scan.damagedTail() ? size - good : 0, preallocateBytes);
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

  /** Visits intact records; returns where they end (= size, unless a torn or zero tail follows). */
  private static Scan scan(Path file, FileChannel channel, long size, RecordVisitor visitor)
      throws IOException {
    channel.position(0);
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
    long pos = 0;
    CRC32C crc = new CRC32C();
    ByteBuffer header = ByteBuffer.allocate(8);
    while (pos < size) {
      if (size - pos < HEADER_BYTES) {
        return tail(channel, pos, size); // header cut short by a crash
      }
      int length = in.readInt();
      int payloadCrc = in.readInt();
      int headerCrc = in.readInt();
      header.clear();
      header.putInt(length).putInt(payloadCrc);
      crc.reset();
      crc.update(header.array(), 0, 8);
      if ((int) crc.getValue() != headerCrc || length <= 0 || length > MAX_RECORD_BYTES) {
        if (zerosFrom(channel, pos + HEADER_BYTES, size)) {
          return tail(channel, pos, size); // zero (preallocated) space, or a header cut short
        }
        throw new CorruptStorageException(file, pos, "bad record header (checksum or length " + length + ")");
      }
      long recordEnd = pos + HEADER_BYTES + length;
      if (recordEnd > size) {
        return tail(channel, pos, size); // header written, payload cut short
      }
      byte[] payload = new byte[length];
      in.readFully(payload);
      crc.reset();
      crc.update(payload);
      if ((int) crc.getValue() != payloadCrc) {
        if (zerosFrom(channel, recordEnd, size)) {
          return tail(channel, pos, size); // the last record, payload partly written
        }
        throw new CorruptStorageException(file, pos, "payload CRC32C mismatch in a record that is not the last");
      }
      visitor.visit(pos, payload);
      pos = recordEnd;
    }
    return new Scan(pos, false);
  }

  private static Scan tail(FileChannel channel, long pos, long size) throws IOException {
    return new Scan(pos, !zerosFrom(channel, pos, size));
  }

  private static boolean zerosFrom(FileChannel channel, long from, long size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    long p = from;
    while (p < size) {
      buffer.clear();
      int n = channel.read(buffer, p);
      if (n < 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (buffer.get(i) != 0) {
          return false;
        }
      }
      p += n;
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
    if (preallocateBytes > 0 && end + total > allocated) {
      zeroFill(allocated, end + total + preallocationStep());
    }
    long first = end;
    long pos = end;
    while (buffer.hasRemaining()) {
      pos += channel.write(buffer, pos);
    }
    end = pos;
    return first;
  }

  /** As large as the log is, within {@link #MIN_PREALLOCATE_STEP} and {@code preallocateBytes}. */
  private long preallocationStep() {
    return Math.min(preallocateBytes, Math.max(MIN_PREALLOCATE_STEP, end));
  }

  private void zeroFill(long from, long to) throws IOException {
    ByteBuffer zeros = ByteBuffer.allocate(ZERO_CHUNK);
    for (long p = from; p < to; ) {
      zeros.clear();
      zeros.limit((int) Math.min(ZERO_CHUNK, to - p));
      p += channel.write(zeros, p);
    }
    allocated = to;
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
    allocated = offset;
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

  /**
   * Cuts off the preallocated zero tail, then closes; a second call does nothing. The cut needs
   * no fsync: a crash that loses it leaves zeros after the last record, which recovery ignores,
   * and the records before it are untouched (what was synced stays synced, what was not is as
   * durable as it was).
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (preallocateBytes > 0) {
        cutTail();
      }
    } finally {
      channel.close();
    }
  }

  private void cutTail() throws IOException {
    if (channel.isOpen()) {
      if (channel.size() > end) {
        channel.truncate(end);
      }
      return;
    }
    // An interrupt of the thread using the channel closed it (a FileChannel does that, and a
    // stopping node interrupts its loop, maybe mid-write): cut through a channel of our own. Past
    // `end` there is only unsynced data, never acknowledged, which recovery would drop as well.
    try (FileChannel again = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (again.size() > end) {
        again.truncate(end);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // Nothing left to cut.
    }
  }
}
