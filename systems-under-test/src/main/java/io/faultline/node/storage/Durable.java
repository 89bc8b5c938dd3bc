package io.faultline.node.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Small fsync helpers shared by the storage classes. */
public final class Durable {
  private Durable() {}

  /**
   * Forces a directory's entries (file creations, renames, deletions) to disk. Needed after a
   * rename or create for it to survive a crash on Linux file systems.
   */
  public static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
