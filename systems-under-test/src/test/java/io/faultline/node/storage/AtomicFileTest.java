package io.faultline.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void writeReplacesAndReadReturnsTheLatestContent() throws IOException {
    Path file = dir.resolve("sub/meta");
    assertThat(AtomicFile.read(file)).isEmpty();
    AtomicFile.write(file, new byte[] {1, 2, 3});
    AtomicFile.write(file, new byte[] {4, 5});
    assertThat(AtomicFile.read(file)).contains(new byte[] {4, 5});
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void emptyPayloadRoundTrips() throws IOException {
    Path file = dir.resolve("empty");
    AtomicFile.write(file, new byte[0]);
    assertThat(AtomicFile.read(file)).contains(new byte[0]);
  }

  @Test
  void damageIsReportedWithTheFileName() throws IOException {
    Path file = dir.resolve("meta");
    AtomicFile.write(file, "hello world".getBytes());
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length() - 1);
      raf.write('!');
    }
    assertThatThrownBy(() -> AtomicFile.read(file))
        .isInstanceOf(CorruptStorageException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("CRC32C mismatch");
    Files.write(file, new byte[] {1, 2});
    assertThatThrownBy(() -> AtomicFile.read(file)).hasMessageContaining("shorter than");
  }
}
