package io.faultline.node.paxos;

import io.faultline.node.storage.AtomicFile;
import io.faultline.node.storage.CorruptStorageException;
import io.faultline.node.storage.Durable;
import io.faultline.node.storage.RecordLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A Paxos node's data folder: {@code paxos-snapshot} (atomic file: last slot + the shell's
 * snapshot blob) and {@code paxos-log} (CRC-framed {@link DurableRecord}s replayed on top of it).
 * Compaction writes the new snapshot first, then swaps in a rewritten log by rename; a crash
 * between the two leaves a newer snapshot with an older log, which replays correctly because
 * records at or below the snapshot are ignored.
 *
 * <p>{@link #sync} is the fsync every reply waits for. With the {@code paxos-skip-fsync} bug the
 * records stay in a user-space buffer that is written (never fsynced) about once a second, so a
 * SIGKILL loses the last second of promises and accepts — as a missing fsync does on power loss.
 * Used by the consensus thread only.
 */
final class PaxosStorage implements AutoCloseable {
  private static final long SKIP_FSYNC_FLUSH_NANOS = 1_000_000_000L;

  private final Path dir;
  private final boolean skipFsync;
  private final LongSupplier nanos;
  private final List<byte[]> unflushed = new ArrayList<>();
  private long lastFlush;
  private RecordLog log;

  PaxosStorage(Path dir, boolean skipFsync, LongSupplier nanos) {
    this.dir = dir;
    this.skipFsync = skipFsync;
    this.nanos = nanos;
    this.lastFlush = nanos.getAsLong();
  }

  /** Reads snapshot and log; the log's torn tail (if any) is truncated. */
  DurableState recover() throws IOException {
    Files.createDirectories(dir);
    Optional<byte[]> snap = AtomicFile.read(dir.resolve("paxos-snapshot"));
    DurableState state = snap.isEmpty() ? DurableState.empty() : decodeSnapshot(snap.get());
    Path file = dir.resolve("paxos-log");
    log = RecordLog.open(file, (offset, payload) -> {
      try {
        state.replay(DurableRecordCodec.decode(payload));
      } catch (RuntimeException e) {
        throw new CorruptStorageException(file, offset, "unreadable paxos record: " + e.getMessage());
      }
    });
    return state;
  }

  long truncatedTailBytes() {
    return log.truncatedTailBytes();
  }

  void append(List<DurableRecord> records) throws IOException {
    List<byte[]> payloads = new ArrayList<>(records.size());
    records.forEach(r -> payloads.add(DurableRecordCodec.encode(r)));
    if (skipFsync) {
      unflushed.addAll(payloads);
    } else if (!payloads.isEmpty()) {
      log.appendAll(payloads);
    }
  }

  void sync() throws IOException {
    if (!skipFsync) {
      log.sync();
    } else if (nanos.getAsLong() - lastFlush >= SKIP_FSYNC_FLUSH_NANOS && !unflushed.isEmpty()) {
      lastFlush = nanos.getAsLong();
      log.appendAll(List.copyOf(unflushed)); // written, not fsynced: the bug
      unflushed.clear();
    }
  }

  /** Durably replaces snapshot and log: {@code records} rebuild the acceptor above {@code lastSlot}. */
  void replace(long lastSlot, byte[] snapshot, List<DurableRecord> records) throws IOException {
    AtomicFile.write(dir.resolve("paxos-snapshot"), encodeSnapshot(lastSlot, snapshot));
    Path next = dir.resolve("paxos-log.next");
    Files.deleteIfExists(next);
    try (RecordLog fresh = RecordLog.open(next, (o, p) -> { })) {
      List<byte[]> payloads = new ArrayList<>(records.size());
      records.forEach(r -> payloads.add(DurableRecordCodec.encode(r)));
      fresh.appendAll(payloads);
      fresh.sync();
    }
    log.close();
    Files.move(next, dir.resolve("paxos-log"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Durable.syncDirectory(dir);
    unflushed.clear();
    log = RecordLog.open(dir.resolve("paxos-log"), (o, p) -> { });
  }

  private static byte[] encodeSnapshot(long lastSlot, byte[] snapshot) {
    return java.nio.ByteBuffer.allocate(8 + snapshot.length).putLong(lastSlot).put(snapshot).array();
  }

  private DurableState decodeSnapshot(byte[] bytes) throws IOException {
    if (bytes.length < 8) {
      throw new CorruptStorageException(dir.resolve("paxos-snapshot"), 0, "snapshot shorter than 8 bytes");
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
    long slot = b.getLong();
    byte[] blob = new byte[b.remaining()];
    b.get(blob);
    return DurableState.fromSnapshot(slot, blob);
  }

  @Override
  public void close() throws IOException {
    if (log != null) {
      log.close();
    }
  }
}
