package io.faultline.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordLogTest {
  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private List<String> recover(Path file) throws IOException {
    List<String> seen = new ArrayList<>();
    try (RecordLog log = RecordLog.open(file, (offset, p) -> seen.add(new String(p, StandardCharsets.UTF_8)))) {
      return seen;
    }
  }

  private Path logWith(String... records) throws IOException {
    Path file = dir.resolve("log");
    try (RecordLog log = RecordLog.open(file, (o, p) -> {})) {
      for (String r : records) {
        log.append(bytes(r));
      }
      log.sync();
    }
    return file;
  }

  @Test
  void recordsSurviveReopenInOrderWithTheirOffsets() throws IOException {
    Path file = dir.resolve("log");
    long first;
    long second;
    try (RecordLog log = RecordLog.open(file, (o, p) -> {})) {
      first = log.append(bytes("alpha"));
      second = log.appendAll(List.of(bytes("beta"), bytes("gamma")));
      log.sync();
      assertThat(log.readAt(second)).isEqualTo(bytes("beta"));
    }
    List<Long> offsets = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    try (RecordLog log = RecordLog.open(file, (o, p) -> {
      offsets.add(o);
      seen.add(new String(p, StandardCharsets.UTF_8));
    })) {
      assertThat(seen).containsExactly("alpha", "beta", "gamma");
      assertThat(offsets.get(0)).isEqualTo(first);
      assertThat(offsets.get(1)).isEqualTo(second);
      assertThat(log.truncatedTailBytes()).isZero();
      assertThat(log.size()).isEqualTo(Files.size(file));
    }
  }

  @Test
  void truncateDropsTheSuffixAndAppendsContinueThere() throws IOException {
    Path file = dir.resolve("log");
    try (RecordLog log = RecordLog.open(file, (o, p) -> {})) {
      log.append(bytes("keep"));
      long cut = log.append(bytes("drop1"));
      log.append(bytes("drop2"));
      log.truncate(cut);
      log.append(bytes("after"));
      log.sync();
    }
    assertThat(recover(file)).containsExactly("keep", "after");
  }

  @Test
  void aHeaderCutShortAtTheEndIsTruncated() throws IOException {
    Path file = logWith("one", "two");
    long good = Files.size(file);
    Files.write(file, new byte[] {0, 0, 0, 9, 1}, java.nio.file.StandardOpenOption.APPEND);
    assertThat(recover(file)).containsExactly("one", "two");
    assertThat(Files.size(file)).isEqualTo(good);
  }

  @Test
  void aPayloadCutShortAtTheEndIsTruncated() throws IOException {
    Path file = logWith("one", "two", "three-is-long");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() - 4);
    }
    try (RecordLog log = RecordLog.open(file, (o, p) -> {})) {
      assertThat(log.truncatedTailBytes()).isEqualTo(RecordLog.HEADER_BYTES + "three-is-long".length() - 4);
    }
    assertThat(recover(file)).containsExactly("one", "two");
  }

  @Test
  void aBadCrcInTheLastRecordIsATornTail() throws IOException {
    Path file = logWith("one", "two");
    flipLastByte(file);
    assertThat(recover(file)).containsExactly("one");
  }

  @Test
  void zeroFilledBlocksAfterTheLastRecordAreTruncated() throws IOException {
    Path file = logWith("one");
    Files.write(file, new byte[4096], java.nio.file.StandardOpenOption.APPEND);
    assertThat(recover(file)).containsExactly("one");
  }

  @Test
  void corruptionBeforeTheTailStopsRecoveryNamingFileAndOffset() throws IOException {
    Path file = logWith("one", "two", "three");
    long secondOffset = RecordLog.HEADER_BYTES + 3;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(secondOffset + RecordLog.HEADER_BYTES); // first payload byte of "two"
      raf.write('X');
    }
    assertThatThrownBy(() -> recover(file))
        .isInstanceOf(CorruptStorageException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("offset " + secondOffset)
        .satisfies(e -> assertThat(((CorruptStorageException) e).offset()).isEqualTo(secondOffset));
    assertThat(Files.size(file)).as("nothing is truncated on corruption").isGreaterThan(secondOffset + 20);
  }

  @Test
  void aDamagedLengthFieldMidFileIsCorruptionNotATornTail() throws IOException {
    Path file = logWith("one", "two", "three");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(0);
      raf.writeInt(1_000_000); // header checksum no longer matches
    }
    assertThatThrownBy(() -> recover(file))
        .isInstanceOf(CorruptStorageException.class)
        .hasMessageContaining("offset 0");
  }

  @Test
  void readOnlyScanDoesNotRepair() throws IOException {
    Path file = logWith("one", "two");
    Files.write(file, new byte[] {1, 2}, java.nio.file.StandardOpenOption.APPEND);
    long size = Files.size(file);
    List<String> seen = new ArrayList<>();
    RecordLog.read(file, (o, p) -> seen.add(new String(p, StandardCharsets.UTF_8)));
    assertThat(seen).containsExactly("one", "two");
    assertThat(Files.size(file)).isEqualTo(size);
  }

  @Test
  void emptyRecordsAreRefused() throws IOException {
    try (RecordLog log = RecordLog.open(dir.resolve("log"), (o, p) -> {})) {
      assertThatThrownBy(() -> log.append(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static void flipLastByte(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length() - 1);
      int b = raf.read();
      raf.seek(raf.length() - 1);
      raf.write(b ^ 0xFF);
    }
  }

  @Test
  void syncAndAppendFailuresSurfaceInsteadOfBeingSwallowed() throws IOException {
    RecordLog log = RecordLog.open(dir.resolve("log"), (o, p) -> {});
    log.append(bytes("x"));
    log.sync();
    log.close();
    assertThatThrownBy(log::sync).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> log.append(bytes("y"))).isInstanceOf(IOException.class);
  }

  @Test
  void aNewLogFileIsCreatedWithItsDirectory() throws IOException {
    Path file = dir.resolve("deep/er/log");
    try (RecordLog log = RecordLog.open(file, (o, p) -> {})) {
      assertThat(log.size()).isZero();
      log.append(bytes("z"));
      log.sync();
    }
    Durable.syncDirectory(file.getParent());
    assertThat(recover(file)).containsExactly("z");
  }

  @Test
  void aPreallocatedLogKeepsZerosAheadAndRecoversCleanly() throws IOException {
    Path file = dir.resolve("log");
    try (RecordLog log = RecordLog.open(file, (o, p) -> {}, 64 << 10)) {
      log.append(bytes("one"));
      log.appendAll(List.of(bytes("two"), bytes("three")));
      log.sync();
      assertThat(Files.size(file)).isGreaterThanOrEqualTo(64 << 10);
      assertThat(log.size()).isLessThan(100);
    }
    List<String> seen = new ArrayList<>();
    try (RecordLog log = RecordLog.open(file, (o, p) -> seen.add(new String(p, StandardCharsets.UTF_8)), 64 << 10)) {
      assertThat(seen).containsExactly("one", "two", "three");
      assertThat(log.truncatedTailBytes()).as("zero padding is not damage").isZero();
      log.append(bytes("four"));
      log.sync();
    }
    assertThat(recover(file)).containsExactly("one", "two", "three", "four");
  }

  @Test
  void aCleanCloseCutsThePreallocatedTailAndAppendingAgainPreallocatesAgain() throws IOException {
    Path file = dir.resolve("log");
    long end;
    try (RecordLog log = RecordLog.open(file, (o, p) -> {}, 64 << 10)) {
      log.append(bytes("one"));
      log.sync();
      end = log.size();
      assertThat(Files.size(file)).as("preallocated while open").isGreaterThanOrEqualTo(end + (64 << 10));
    }
    assertThat(Files.size(file)).as("a closed log holds exactly its records").isEqualTo(end);
    try (RecordLog log = RecordLog.open(file, (o, p) -> {}, 64 << 10)) {
      log.append(bytes("two"));
      log.sync();
      assertThat(Files.size(file)).isGreaterThanOrEqualTo(log.size() + (64 << 10));
    }
    assertThat(recover(file)).containsExactly("one", "two");
    assertThat(Files.size(file)).isEqualTo(end + RecordLog.HEADER_BYTES + 3);
  }

  @Test
  void preallocationStepsGrowWithTheLogUpToTheCap() throws IOException {
    Path file = dir.resolve("log");
    long cap = 4L << 20;
    long mib = RecordLog.MIN_PREALLOCATE_STEP;
    byte[] record = new byte[64 << 10];
    long largestAhead = 0;
    try (RecordLog log = RecordLog.open(file, (o, p) -> {}, cap)) {
      log.append(bytes("first"));
      assertThat(Files.size(file)).as("a small log gets the smallest step").isEqualTo(log.size() + mib);
      while (log.size() < 12L << 20) {
        long before = log.size();
        log.append(record);
        long ahead = Files.size(file) - log.size();
        assertThat(ahead).as("zeros ahead at %d", log.size())
            .isLessThanOrEqualTo(Math.min(cap, Math.max(mib, before)));
        largestAhead = Math.max(largestAhead, ahead);
      }
    }
    assertThat(largestAhead).as("the step grew past the smallest, to the cap").isGreaterThan(3 * mib);
  }

  @Test
  void aChannelClosedByAnInterruptStillHasItsTailCutOnClose() throws IOException {
    // A stopping node interrupts its loop thread, maybe inside a sync: the FileChannel then closes
    // itself, and close() must still cut the zeros.
    Path file = dir.resolve("log");
    RecordLog log = RecordLog.open(file, (o, p) -> {}, 64 << 10);
    log.append(bytes("one"));
    long end = log.size();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(log::sync).isInstanceOf(java.nio.channels.ClosedByInterruptException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(Files.size(file)).isGreaterThan(end);
    log.close();
    assertThat(Files.size(file)).isEqualTo(end);
    log.close(); // a second close does nothing
    assertThat(recover(file)).containsExactly("one");
  }

  @Test
  void aKilledProcessLeavesAtMostOneStepOfZerosWhichRecoveryCuts() throws IOException {
    // A log that was never closed (the process was killed): its zero tail stays on disk until the
    // next open, and is one step, not the whole run's worth.
    Path file = dir.resolve("log");
    RecordLog open = RecordLog.open(file, (o, p) -> {}, 64 << 10);
    for (int i = 0; i < 100; i++) {
      open.append(bytes("x".repeat(1_000)));
    }
    open.sync();
    long end = open.size();
    long onDisk = Files.size(file);
    assertThat(onDisk).isGreaterThan(end).isLessThanOrEqualTo(end + (64 << 10) + 1_012);
    try (RecordLog log = RecordLog.open(file, (o, p) -> {}, 64 << 10)) {
      assertThat(log.size()).isEqualTo(end);
      assertThat(log.truncatedTailBytes()).as("zeros are not damage").isZero();
      assertThat(Files.size(file)).as("recovery cut the zeros").isEqualTo(end);
    }
    open.close(); // the killed process's channel, for the test's own hygiene
  }

  @Test
  void aTornWriteIntoPreallocatedSpaceIsTruncated() throws IOException {
    Path file = dir.resolve("log");
    long tornAt;
    try (RecordLog log = RecordLog.open(file, (o, p) -> {}, 64 << 10)) {
      log.append(bytes("one"));
      tornAt = log.append(bytes("x".repeat(5_000)));
      log.sync();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(tornAt + RecordLog.HEADER_BYTES + 4_096);
      raf.write(new byte[5_000 - 4_096]); // the last page of the payload never reached the disk
    }
    try (RecordLog log = RecordLog.open(file, (o, p) -> {}, 64 << 10)) {
      assertThat(log.truncatedTailBytes()).isPositive();
      assertThat(log.size()).isEqualTo(tornAt);
    }
    assertThat(recover(file)).containsExactly("one");
  }

  @Test
  void dataAfterAZeroedRegionIsCorruptionNotATornTail() throws IOException {
    // Zeros in the middle with records after them: something overwrote acknowledged data. Treating
    // it as a torn tail would silently drop the later records, so recovery refuses instead.
    Path file = logWith("one", "two", "three");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(0);
      raf.write(new byte[RecordLog.HEADER_BYTES + 3]);
    }
    assertThatThrownBy(() -> recover(file))
        .isInstanceOf(CorruptStorageException.class)
        .hasMessageContaining("offset 0");
  }
}
