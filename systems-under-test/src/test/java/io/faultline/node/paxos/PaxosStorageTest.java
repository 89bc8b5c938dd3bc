package io.faultline.node.paxos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.node.storage.CorruptStorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder on a real file system: recovery, compaction, torn tails, the skip-fsync bug. */
class PaxosStorageTest {
  private static final Ballot B = new Ballot(3, 1);
  private static final SlotValue V = new SlotValue(List.of(new Command(0, 1, new byte[] {42})));

  @TempDir Path dir;
  private final AtomicLong nanos = new AtomicLong();

  private PaxosStorage open(boolean skipFsync) {
    return new PaxosStorage(dir, skipFsync, nanos::get);
  }

  @Test
  void recoversPromiseAcceptsAndDecidedPrefixAfterReopen() throws Exception {
    try (PaxosStorage s = open(false)) {
      s.recover();
      s.append(List.of(new DurableRecord.Promised(B), new DurableRecord.Accepted(1, B, V),
          new DurableRecord.Accepted(2, B, SlotValue.NOOP), new DurableRecord.ChosenUpTo(1)));
      s.sync();
    }
    try (PaxosStorage s = open(false)) {
      DurableState state = s.recover();
      assertThat(state.promised()).isEqualTo(B);
      assertThat(state.chosenUpTo()).isEqualTo(1);
      assertThat(state.log()).containsOnlyKeys(1L, 2L);
      assertThat(state.log().get(1L).value()).isEqualTo(V);
    }
  }

  @Test
  void compactionKeepsOnlyWhatIsAboveTheSnapshot() throws Exception {
    try (PaxosStorage s = open(false)) {
      s.recover();
      s.append(List.of(new DurableRecord.Accepted(1, B, V), new DurableRecord.Accepted(2, B, V)));
      s.sync();
      s.replace(1, new byte[] {7, 7}, List.of(new DurableRecord.Promised(B), new DurableRecord.Accepted(2, B, V),
          new DurableRecord.ChosenUpTo(1)));
      s.append(List.of(new DurableRecord.Accepted(3, B, V)));
      s.sync();
    }
    try (PaxosStorage s = open(false)) {
      DurableState state = s.recover();
      assertThat(state.snapshotSlot()).isEqualTo(1);
      assertThat(state.snapshot()).containsExactly(7, 7);
      assertThat(state.log()).containsOnlyKeys(2L, 3L);
    }
  }

  @Test
  void tornTailIsTruncatedButDamageInTheMiddleStopsRecovery() throws Exception {
    try (PaxosStorage s = open(false)) {
      s.recover();
      s.append(List.of(new DurableRecord.Promised(B), new DurableRecord.Accepted(1, B, V)));
      s.sync();
    }
    Path log = dir.resolve("paxos-log");
    Files.write(log, new byte[] {0, 0, 0, 9, 1, 2}, StandardOpenOption.APPEND); // a crash mid-append
    try (PaxosStorage s = open(false)) {
      DurableState state = s.recover();
      assertThat(s.truncatedTailBytes()).isEqualTo(6);
      assertThat(state.log()).containsOnlyKeys(1L);
    }
    byte[] bytes = Files.readAllBytes(log);
    bytes[14] ^= 0x55; // inside the first record's payload, which is not the last record
    Files.write(log, bytes);
    assertThatThrownBy(() -> open(false).recover()).isInstanceOf(CorruptStorageException.class)
        .hasMessageContaining("paxos-log");
  }

  @Test
  void skipFsyncBugLosesRecentRecordsWhenTheProcessDies() throws Exception {
    PaxosStorage s = open(true);
    s.recover();
    s.append(List.of(new DurableRecord.Promised(B)));
    s.sync(); // with the bug this does not reach the file until the periodic flush
    s.close(); // the process dies: the user-space buffer is gone
    try (PaxosStorage again = open(false)) {
      assertThat(again.recover().promised()).isEqualTo(Ballot.ZERO);
    }
    PaxosStorage flushed = open(true);
    flushed.recover();
    flushed.append(List.of(new DurableRecord.Promised(B)));
    nanos.addAndGet(2_000_000_000L);
    flushed.sync(); // a second later the buffer is written (still without fsync)
    flushed.close();
    try (PaxosStorage again = open(false)) {
      assertThat(again.recover().promised()).isEqualTo(B);
    }
  }
}
