package io.faultline.node.raft.storage;

import io.faultline.node.raft.core.Entry;
import io.faultline.node.raft.core.HardState;
import io.faultline.node.raft.core.Ready;
import io.faultline.node.raft.core.Snapshot;
import io.faultline.node.storage.AtomicFile;
import io.faultline.node.storage.CorruptStorageException;
import io.faultline.node.storage.Durable;
import io.faultline.node.storage.RecordLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A node's durable Raft state in its data folder:
 * <ul>
 *   <li>{@code raft-hardstate} — term and vote, replaced atomically (rarely: on term/vote change);
 *   <li>{@code raft-snapshot} — the latest state-machine snapshot, replaced atomically;
 *   <li>{@code raft-log} — a {@link RecordLog} of entries following the snapshot. A conflict
 *       truncates it at the first replaced entry; compaction rewrites it without the prefix.
 * </ul>
 * {@link #persist} makes a whole {@link Ready} durable with one fsync of the log (group commit)
 * before returning — unless {@code skipFsync} (the {@code skip-fsync} bug). With the bug, persist
 * returns at once and the Ready (hard state, snapshot, entries) stays in a user-space buffer that
 * is written to the files, never fsynced, about once a second (at the next persist after a second
 * has passed, before a compaction, and on close). So a SIGKILL loses up to the last second of
 * acknowledged appends and votes, as a missing fsync does on power loss — the page cache, which
 * survives a process kill, would otherwise hide the bug.
 *
 * <p>Recovery: a torn tail of the log is truncated (by {@link RecordLog}); damage elsewhere, or
 * entries that do not continue the snapshot densely, throw {@link CorruptStorageException}.
 */
public final class RaftStorage implements Closeable {
  /** What was on disk at start. */
  public record Recovered(HardState hardState, Snapshot snapshot, List<Entry> entries, long tornBytes) {}

  /**
   * The largest step of zero-filled space kept ahead of the log end, so an fdatasync need not also
   * update the file size (measured on this box: roughly halves the latency of a small append +
   * fsync); steps start smaller and grow with the log (see {@link RecordLog}).
   */
  private static final long PREALLOCATE_BYTES = 16 << 20;

  /** With the skip-fsync bug: how long acknowledged state may sit in the user-space buffer. */
  static final long SKIP_FSYNC_FLUSH_NANOS = 1_000_000_000L;

  private final Path dir;
  private final Path logFile;
  private final Path hardStateFile;
  private final Path snapshotFile;
  private final boolean skipFsync;
  private final LongSupplier nanos;
  /** skip-fsync only: Readys acknowledged but not yet written anywhere, oldest first. */
  private final List<Ready> unflushed = new ArrayList<>();
  private long lastFlush;
  private RecordLog log;
  /** Offset in the log file of each entry, by index. */
  private final TreeMap<Long, Long> offsets = new TreeMap<>();
  private Recovered recovered;

  private RaftStorage(Path dir, boolean skipFsync, LongSupplier nanos) {
    this.dir = dir;
    this.logFile = dir.resolve("raft-log");
    this.hardStateFile = dir.resolve("raft-hardstate");
    this.snapshotFile = dir.resolve("raft-snapshot");
    this.skipFsync = skipFsync;
    this.nanos = nanos;
    this.lastFlush = nanos.getAsLong();
  }

  /** Opens with the process's monotonic clock timing the skip-fsync buffer. */
  public static RaftStorage open(Path dir, boolean skipFsync) throws IOException {
    return open(dir, skipFsync, System::nanoTime);
  }

  /** Opens and recovers; {@code nanos} times the skip-fsync buffer's flushes. */
  public static RaftStorage open(Path dir, boolean skipFsync, LongSupplier nanos) throws IOException {
    Files.createDirectories(dir);
    RaftStorage s = new RaftStorage(dir, skipFsync, nanos);
    Files.deleteIfExists(dir.resolve("raft-log.compacting"));
    s.recover();
    return s;
  }

  public Recovered recovered() {
    return recovered;
  }

  private void recover() throws IOException {
    HardState hs = AtomicFile.read(hardStateFile).map(RaftStorage::decodeHardState).orElse(new HardState(0, null));
    Snapshot snap = AtomicFile.read(snapshotFile).map(RaftStorage::decodeSnapshot).orElse(Snapshot.EMPTY);
    List<Entry> entries = new ArrayList<>();
    log =
        RecordLog.open(
            logFile,
            (offset, payload) -> {
              Entry e = decodeEntry(payload, offset);
              if (e.index() <= snap.index()) {
                return; // covered by the snapshot (a crash came before the log was rewritten)
              }
              long expected = snap.index() + entries.size() + 1;
              if (e.index() != expected) {
                throw new CorruptStorageException(
                    logFile, offset, "entry index " + e.index() + " where " + expected + " was expected");
              }
              entries.add(e);
              offsets.put(e.index(), offset);
            },
            PREALLOCATE_BYTES);
    recovered = new Recovered(hs, snap, List.copyOf(entries), log.truncatedTailBytes());
  }

  /**
   * Makes a Ready's hard state, snapshot and entries durable (one log fsync). With skip-fsync it
   * only buffers them (see the class comment).
   */
  public void persist(Ready ready) throws IOException {
    if (!skipFsync) {
      write(ready);
      if (!ready.entries().isEmpty()) {
        log.sync(); // hard state and snapshot went through AtomicFile, durable already
      }
      return;
    }
    unflushed.add(ready);
    long sinceFlush = nanos.getAsLong() - lastFlush;
    if (sinceFlush >= SKIP_FSYNC_FLUSH_NANOS || sinceFlush < 0) { // < 0: the node clock was set back
      flushUnsynced();
    }
  }

  /** skip-fsync: writes the buffered Readys in order, without fsync (the bug). */
  private void flushUnsynced() throws IOException {
    lastFlush = nanos.getAsLong();
    for (Ready r : unflushed) {
      write(r);
    }
    unflushed.clear();
  }

  /** Writes a Ready's state to the files; durability is the caller's business. */
  private void write(Ready ready) throws IOException {
    if (ready.hardState() != null) {
      writeMeta(hardStateFile, encodeHardState(ready.hardState()));
    }
    if (ready.snapshot() != null) {
      writeMeta(snapshotFile, encodeSnapshot(ready.snapshot()));
      log.truncate(0); // the snapshot replaces the whole log
      offsets.clear();
    }
    List<Entry> entries = ready.entries();
    if (!entries.isEmpty()) {
      Long conflict = offsets.get(entries.get(0).index());
      if (conflict != null) {
        log.truncate(conflict);
        offsets.tailMap(entries.get(0).index(), true).clear();
      }
      List<byte[]> payloads = new ArrayList<>(entries.size());
      for (Entry e : entries) {
        payloads.add(encodeEntry(e));
      }
      long offset = log.appendAll(payloads);
      for (int i = 0; i < entries.size(); i++) {
        offsets.put(entries.get(i).index(), offset);
        offset += RecordLog.HEADER_BYTES + payloads.get(i).length;
      }
    }
  }

  /**
   * Stores a snapshot taken locally and drops the log prefix it covers: the remaining entries
   * are copied into a new file that atomically replaces the log.
   */
  public void compact(Snapshot snap) throws IOException {
    if (skipFsync) {
      flushUnsynced(); // the entries kept below are read back from the file
    }
    writeMeta(snapshotFile, encodeSnapshot(snap));
    Path temp = dir.resolve("raft-log.compacting");
    Files.deleteIfExists(temp);
    List<byte[]> keep = new ArrayList<>();
    for (long offset : offsets.tailMap(snap.index(), false).values()) {
      keep.add(log.readAt(offset));
    }
    try (RecordLog fresh = RecordLog.open(temp, (o, p) -> {})) {
      if (!keep.isEmpty()) {
        fresh.appendAll(keep);
      }
      fresh.sync();
    }
    log.close();
    Files.move(temp, logFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Durable.syncDirectory(dir);
    offsets.clear();
    log =
        RecordLog.open(
            logFile,
            (offset, payload) -> offsets.put(decodeEntry(payload, offset).index(), offset),
            PREALLOCATE_BYTES);
  }

  private void writeMeta(Path file, byte[] payload) throws IOException {
    if (skipFsync) {
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      byte[] framed = AtomicFileFormat.frame(payload);
      Files.write(temp, framed);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } else {
      AtomicFile.write(file, payload);
    }
  }

  @Override
  public void close() throws IOException {
    if (skipFsync) {
      flushUnsynced(); // a clean shutdown writes what it has; only a kill loses the buffer
    }
    log.close();
  }

  // ---------------------------------------------------------------- encodings

  static byte[] encodeHardState(HardState hs) {
    byte[] vote = hs.vote() == null ? new byte[0] : hs.vote().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(12 + vote.length).putLong(hs.term()).putInt(vote.length).put(vote).array();
  }

  static HardState decodeHardState(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long term = b.getLong();
    byte[] vote = new byte[b.getInt()];
    b.get(vote);
    return new HardState(term, vote.length == 0 ? null : new String(vote, StandardCharsets.UTF_8));
  }

  static byte[] encodeSnapshot(Snapshot s) {
    byte[] data = s.data() == null ? new byte[0] : s.data();
    return ByteBuffer.allocate(16 + data.length).putLong(s.index()).putLong(s.term()).put(data).array();
  }

  static Snapshot decodeSnapshot(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long index = b.getLong();
    long term = b.getLong();
    byte[] data = new byte[b.remaining()];
    b.get(data);
    return new Snapshot(index, term, data);
  }

  static byte[] encodeEntry(Entry e) {
    int n = e.data() == null ? 0 : e.data().length;
    ByteBuffer b = ByteBuffer.allocate(20 + n).putLong(e.index()).putLong(e.term());
    b.putInt(e.data() == null ? -1 : n);
    if (e.data() != null) {
      b.put(e.data());
    }
    return b.array();
  }

  private Entry decodeEntry(byte[] payload, long offset) throws CorruptStorageException {
    try {
      ByteBuffer b = ByteBuffer.wrap(payload);
      long index = b.getLong();
      long term = b.getLong();
      int n = b.getInt();
      if (n < -1 || n != b.remaining() && !(n == -1 && b.remaining() == 0)) {
        throw new CorruptStorageException(logFile, offset, "entry data length " + n + " does not match the record");
      }
      byte[] data = null;
      if (n >= 0) {
        data = new byte[n];
        b.get(data);
      }
      return new Entry(index, term, data);
    } catch (java.nio.BufferUnderflowException e) {
      throw new CorruptStorageException(logFile, offset, "entry record too short");
    }
  }

  /** Exposed for the skip-fsync bug path, which must write the same format AtomicFile reads. */
  static final class AtomicFileFormat {
    static byte[] frame(byte[] payload) {
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(payload);
      return ByteBuffer.allocate(12 + payload.length)
          .putInt(0x464C4146)
          .putInt((int) crc.getValue())
          .putInt(payload.length)
          .put(payload)
          .array();
    }
  }
}
