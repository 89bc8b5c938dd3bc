package io.faultline.node.raft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.node.raft.core.Entry;
import io.faultline.node.raft.core.HardState;
import io.faultline.node.raft.core.Ready;
import io.faultline.node.raft.core.Snapshot;
import io.faultline.node.storage.CorruptStorageException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftStorageTest {
  @TempDir Path dir;

  private static Ready ready(HardState hs, Snapshot snap, List<Entry> entries) {
    return new Ready(hs, snap, entries, List.of(), List.of(), List.of(), List.of());
  }

  private static List<Entry> entries(long from, long to, long term) {
    List<Entry> out = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      out.add(new Entry(i, term, i % 5 == 0 ? null : ("cmd" + i).getBytes()));
    }
    return out;
  }

  @Test
  void recoversWhatWasPersisted() throws Exception {
    try (RaftStorage s = RaftStorage.open(dir, false)) {
      s.persist(ready(new HardState(3, "n2"), null, entries(1, 10, 3)));
    }
    try (RaftStorage s = RaftStorage.open(dir, false)) {
      RaftStorage.Recovered r = s.recovered();
      assertThat(r.hardState()).isEqualTo(new HardState(3, "n2"));
      assertThat(r.entries()).hasSize(10);
      assertThat(r.entries().get(4).data()).isNull(); // index 5: a no-op
      assertThat(r.entries().get(6).data()).isEqualTo("cmd7".getBytes());
    }
  }

  @Test
  void aConflictTruncatesTheLogAtTheFirstReplacedEntry() throws Exception {
    try (RaftStorage s = RaftStorage.open(dir, false)) {
      s.persist(ready(new HardState(1, "n1"), null, entries(1, 10, 1)));
      s.persist(ready(new HardState(2, null), null, entries(6, 7, 2)));
    }
    try (RaftStorage s = RaftStorage.open(dir, false)) {
      List<Entry> e = s.recovered().entries();
      assertThat(e).extracting(Entry::index).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
      assertThat(e.get(5).term()).isEqualTo(2);
      assertThat(s.recovered().hardState()).isEqualTo(new HardState(2, null));
    }
  }

  @Test
  void compactionKeepsOnlyEntriesAfterTheSnapshot() throws Exception {
    try (RaftStorage s = RaftStorage.open(dir, false)) {
      s.persist(ready(new HardState(1, "n1"), null, entries(1, 20, 1)));
      s.compact(new Snapshot(15, 1, "state".getBytes()));
      s.persist(ready(null, null, entries(21, 22, 1)));
    }
    try (RaftStorage s = RaftStorage.open(dir, false)) {
      RaftStorage.Recovered r = s.recovered();
      assertThat(r.snapshot().index()).isEqualTo(15);
      assertThat(r.snapshot().data()).isEqualTo("state".getBytes());
      assertThat(r.entries()).extracting(Entry::index).containsExactly(16L, 17L, 18L, 19L, 20L, 21L, 22L);
    }
  }

  @Test
  void anInstalledSnapshotReplacesTheWholeLog() throws Exception {
    try (RaftStorage s = RaftStorage.open(dir, false)) {
      s.persist(ready(new HardState(1, "n1"), null, entries(1, 5, 1)));
      s.persist(ready(null, new Snapshot(40, 3, "leader-state".getBytes()), List.of()));
      s.persist(ready(null, null, entries(41, 42, 3)));
    }
    try (RaftStorage s = RaftStorage.open(dir, false)) {
      assertThat(s.recovered().snapshot().index()).isEqualTo(40);
      assertThat(s.recovered().entries()).extracting(Entry::index).containsExactly(41L, 42L);
    }
  }

  @Test
  void aTornTailIsTruncated() throws Exception {
    try (RaftStorage s = RaftStorage.open(dir, false)) {
      s.persist(ready(new HardState(1, "n1"), null, entries(1, 10, 1)));
    }
    Path log = dir.resolve("raft-log");
    long end = 0;
    for (Entry e : entries(1, 10, 1)) {
      end += 12 + 20 + e.size(); // record header + index, term, length + data
    }
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
      f.setLength(end - 3); // a crash in the middle of the last record
    }
    try (RaftStorage s = RaftStorage.open(dir, false)) {
      assertThat(s.recovered().entries()).hasSize(9);
      assertThat(s.recovered().tornBytes()).isPositive();
    }
  }

  @Test
  void corruptionInTheMiddleStopsRecoveryWithTheFileAndOffset() throws Exception {
    try (RaftStorage s = RaftStorage.open(dir, false)) {
      s.persist(ready(new HardState(1, "n1"), null, entries(1, 10, 1)));
    }
    Path log = dir.resolve("raft-log");
    byte[] bytes = Files.readAllBytes(log);
    bytes[40] ^= 0x5A; // inside the payload of an early record
    Files.write(log, bytes);
    assertThatThrownBy(() -> RaftStorage.open(dir, false))
        .isInstanceOf(CorruptStorageException.class)
        .hasMessageContaining("raft-log")
        .hasMessageContaining("offset");
  }

  @Test
  void skipFsyncLosesTheUnflushedSecondOnAKillButWritesItOnClose() throws Exception {
    long[] now = {0};
    RaftStorage killed = RaftStorage.open(dir, true, () -> now[0]);
    killed.persist(ready(new HardState(1, "n1"), null, entries(1, 3, 1)));
    now[0] += RaftStorage.SKIP_FSYNC_FLUSH_NANOS;
    killed.persist(ready(null, null, entries(4, 5, 1))); // a second passed: 1..5 written (not fsynced)
    killed.persist(ready(new HardState(2, "n3"), null, entries(6, 8, 2))); // acknowledged, only buffered
    // A second instance on the same files sees what a restart after SIGKILL would see: the
    // buffered Ready is gone (the killed instance is never closed, as a killed process is not).
    try (RaftStorage restarted = RaftStorage.open(dir, false)) {
      assertThat(restarted.recovered().hardState()).isEqualTo(new HardState(1, "n1"));
      assertThat(restarted.recovered().entries()).extracting(Entry::index).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
    killed.close();
    try (RaftStorage reopened = RaftStorage.open(dir, false)) {
      assertThat(reopened.recovered().hardState()).isEqualTo(new HardState(2, "n3"));
      assertThat(reopened.recovered().entries()).extracting(Entry::index).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }
  }

  @Test
  void skipFsyncAppliesBufferedConflictsInOrder() throws Exception {
    long[] now = {0};
    try (RaftStorage s = RaftStorage.open(dir, true, () -> now[0])) {
      s.persist(ready(new HardState(1, "n1"), null, entries(1, 6, 1)));
      s.persist(ready(new HardState(2, null), null, entries(4, 5, 2))); // replaces 4..6, still buffered
      now[0] += RaftStorage.SKIP_FSYNC_FLUSH_NANOS;
      s.persist(ready(null, null, entries(6, 6, 2)));
      s.compact(new Snapshot(2, 1, "state".getBytes())); // reads the kept entries back from the file
    }
    try (RaftStorage s = RaftStorage.open(dir, false)) {
      assertThat(s.recovered().snapshot().index()).isEqualTo(2);
      assertThat(s.recovered().entries()).extracting(Entry::index).containsExactly(3L, 4L, 5L, 6L);
      assertThat(s.recovered().entries()).extracting(Entry::term).containsExactly(1L, 2L, 2L, 2L);
    }
  }
}
