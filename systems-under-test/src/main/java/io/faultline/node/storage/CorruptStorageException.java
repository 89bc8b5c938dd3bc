package io.faultline.node.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Stored data is damaged somewhere a crash cannot explain (not a torn tail). The node must stop
 * rather than serve wrong data; the message names the file and the byte offset.
 */
public final class CorruptStorageException extends IOException {
  private final Path file;
  private final long offset;

  public CorruptStorageException(Path file, long offset, String reason) {
    super(file + ": corrupt data at offset " + offset + ": " + reason);
    this.file = file;
    this.offset = offset;
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }
}
