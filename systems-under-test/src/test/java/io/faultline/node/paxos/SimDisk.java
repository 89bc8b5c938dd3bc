package io.faultline.node.paxos;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulated disk for one node: records reach {@code synced} only on {@link #sync}; a crash
 * keeps what was synced and loses the rest. The snapshot is written atomically (synced at once),
 * as the real shell does with write-temp-then-rename.
 */
final class SimDisk {
  private final List<DurableRecord> synced = new ArrayList<>();
  private final List<DurableRecord> unsynced = new ArrayList<>();
  private long snapshotSlot;
  private byte[] snapshot;

  void write(List<DurableRecord> records) {
    unsynced.addAll(records);
  }

  void sync() {
    synced.addAll(unsynced);
    unsynced.clear();
  }

  /** Atomically replaces snapshot and log (compaction or a snapshot learned from a peer). */
  void replace(long slot, byte[] bytes, List<DurableRecord> records) {
    snapshotSlot = slot;
    snapshot = bytes;
    synced.clear();
    unsynced.clear();
    synced.addAll(records);
  }

  void crash() {
    unsynced.clear();
  }

  DurableState recover() {
    DurableState state = DurableState.fromSnapshot(snapshotSlot, snapshot);
    synced.forEach(state::replay);
    return state;
  }

  long snapshotSlot() {
    return snapshotSlot;
  }

  byte[] snapshot() {
    return snapshot;
  }
}
