package io.faultline.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The results layout of DESIGN.md: {@code <root>/<test-name>/<yyyyMMddTHHmmss.SSS>/}, with
 * {@code <root>/latest} pointing at the newest run.
 */
public final class RunFolder {
  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);

  private RunFolder() {}

  /** Creates a fresh run folder for a test started at {@code startedAt}; never reuses one. */
  public static Path create(Path root, String testName, Instant startedAt) throws IOException {
    Path parent = root.resolve(testName);
    Files.createDirectories(parent);
    Instant t = startedAt;
    while (true) {
      Path dir = parent.resolve(STAMP.format(t));
      try {
        Files.createDirectory(dir);
        return dir;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        t = t.plusMillis(1);
      }
    }
  }

  /** Points {@code <root>/latest} at {@code runDir} (relative link, replaced atomically enough). */
  public static void markLatest(Path root, Path runDir) throws IOException {
    Path latest = root.resolve("latest");
    Path target = root.toAbsolutePath().relativize(runDir.toAbsolutePath());
    Path tmp = root.resolve(".latest-" + ProcessHandle.current().pid());
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, target);
    Files.move(tmp, latest, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
