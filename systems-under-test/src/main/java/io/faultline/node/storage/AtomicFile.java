package io.faultline.node.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Whole-file replace that is atomic across crashes, for metadata (term, vote, promised ballot)
 * and snapshots: write a temp file beside the target, fsync it, rename it over the target, fsync
 * the directory. A reader sees either the old or the new content, never a mix.
 *
 * <p>Format: magic {@code "FLAF"}, CRC32C of the payload, payload length, payload. {@link #read}
 * verifies all three, so a file damaged after the fact is reported rather than trusted.
 */
public final class AtomicFile {
  private static final int MAGIC = 0x464C4146; // "FLAF"
  private static final int HEADER = 12;

  private AtomicFile() {}

  /** Durably replaces {@code file} with {@code payload}; returns only once it is on disk. */
  public static void write(Path file, byte[] payload) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve(file.getFileName() + ".tmp");
    CRC32C crc = new CRC32C();
    crc.update(payload);
    ByteBuffer buffer = ByteBuffer.allocate(HEADER + payload.length);
    buffer.putInt(MAGIC).putInt((int) crc.getValue()).putInt(payload.length).put(payload).flip();
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Durable.syncDirectory(dir);
  }

  /**
   * Reads a file written by {@link #write}; empty when it does not exist.
   *
   * @throws CorruptStorageException when the content fails its checks
   */
  public static Optional<byte[]> read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (bytes.length < HEADER) {
      throw new CorruptStorageException(file, 0, "file shorter than its " + HEADER + "-byte header");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    if (buffer.getInt() != MAGIC) {
      throw new CorruptStorageException(file, 0, "bad magic number (not an atomic file)");
    }
    int expectedCrc = buffer.getInt();
    int length = buffer.getInt();
    if (length != bytes.length - HEADER) {
      throw new CorruptStorageException(
          file, 8, "length field says " + length + " bytes but " + (bytes.length - HEADER) + " follow");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, HEADER, length);
    if ((int) crc.getValue() != expectedCrc) {
      throw new CorruptStorageException(file, HEADER, "CRC32C mismatch");
    }
    byte[] payload = new byte[length];
    System.arraycopy(bytes, HEADER, payload, 0, length);
    return Optional.of(payload);
  }
}
