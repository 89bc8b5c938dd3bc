package io.faultline.node.raft.sim;

import io.faultline.node.raft.core.Entry;
import io.faultline.node.raft.core.HardState;
import io.faultline.node.raft.core.Ready;
import io.faultline.node.raft.core.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * A simulated disk for one node. Writes are durable at once, unless {@code skipFsync} (the
 * {@code skip-fsync} bug) is on: then they wait in a "page cache" that is flushed only now and
 * then, and a crash keeps a random prefix of what was not flushed.
 */
final class SimStorage {
  private sealed interface Op {}

  private record PutHardState(HardState hs) implements Op {}

  private record PutSnapshot(Snapshot snap, boolean replaceLog) implements Op {}

  private record PutEntries(List<Entry> entries) implements Op {}

  private final boolean skipFsync;
  private final Random random;
  private final List<Op> unflushed = new ArrayList<>();
  private HardState hardState = new HardState(0, null);
  private Snapshot snapshot = Snapshot.EMPTY;
  private final TreeMap<Long, Entry> entries = new TreeMap<>();

  SimStorage(boolean skipFsync, Random random) {
    this.skipFsync = skipFsync;
    this.random = random;
  }

  void persist(Ready ready) {
    if (ready.hardState() != null) {
      write(new PutHardState(ready.hardState()));
    }
    if (ready.snapshot() != null) {
      write(new PutSnapshot(ready.snapshot(), true));
    }
    if (!ready.entries().isEmpty()) {
      write(new PutEntries(ready.entries()));
    }
    if (skipFsync && random.nextInt(4) == 0) {
      flush(unflushed.size());
    }
  }

  /** A leader's own entries, written in the background and now done. */
  void persistEntries(List<Entry> written) {
    write(new PutEntries(written));
  }

  void compacted(Snapshot snap) {
    write(new PutSnapshot(snap, false));
  }

  private void write(Op op) {
    unflushed.add(op);
    if (!skipFsync) {
      flush(unflushed.size());
    }
  }

  /** The process died: whatever was not flushed is lost, except a random prefix. */
  void crash() {
    flush(unflushed.isEmpty() ? 0 : random.nextInt(unflushed.size() + 1));
    unflushed.clear();
  }

  private void flush(int count) {
    for (Op op : unflushed.subList(0, count)) {
      if (op instanceof PutHardState p) {
        hardState = p.hs();
      } else if (op instanceof PutSnapshot p) {
        if (p.replaceLog()) {
          entries.clear();
        } else {
          entries.headMap(p.snap().index(), true).clear();
        }
        if (p.snap().index() > snapshot.index()) {
          snapshot = p.snap();
        }
      } else if (op instanceof PutEntries p) {
        entries.tailMap(p.entries().get(0).index(), true).clear();
        for (Entry e : p.entries()) {
          entries.put(e.index(), e);
        }
      }
    }
    unflushed.subList(0, count).clear();
  }

  HardState hardState() {
    return hardState;
  }

  Snapshot snapshot() {
    return snapshot;
  }

  /** The durable entries that densely follow the snapshot (a lost write can leave a gap). */
  List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    long next = snapshot.index() + 1;
    for (Entry e : entries.tailMap(next, true).values()) {
      if (e.index() != next) {
        break;
      }
      out.add(e);
      next++;
    }
    return out;
  }
}
