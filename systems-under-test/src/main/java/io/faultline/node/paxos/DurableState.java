package io.faultline.node.paxos;

import java.util.TreeMap;

/**
 * An acceptor's durable state, rebuilt by replaying {@link DurableRecord}s over an optional
 * snapshot: the promised ballot, what was accepted per slot, and how far the log is known decided.
 * Mutable and single-threaded; the core takes ownership of it at construction.
 */
public final class DurableState {
  /** Per-slot accepted ballot and value (the value is the decided one once the slot is chosen). */
  public static final class SlotState {
    Ballot ballot;
    SlotValue value;

    SlotState(Ballot ballot, SlotValue value) {
      this.ballot = ballot;
      this.value = value;
    }

    public Ballot ballot() {
      return ballot;
    }

    public SlotValue value() {
      return value;
    }
  }

  Ballot promised = Ballot.ZERO;
  final TreeMap<Long, SlotState> log = new TreeMap<>();
  long chosenUpTo;
  long snapshotSlot;
  byte[] snapshot;

  /** A fresh node's state, or the state recovered from a snapshot taken up to {@code slot}. */
  public static DurableState fromSnapshot(long slot, byte[] snapshot) {
    DurableState state = new DurableState();
    state.snapshotSlot = slot;
    state.chosenUpTo = slot;
    state.snapshot = snapshot;
    return state;
  }

  public static DurableState empty() {
    return fromSnapshot(0, null);
  }

  /** Replays one record; records at or below the snapshot are ignored. */
  public void replay(DurableRecord record) {
    if (record instanceof DurableRecord.Promised p) {
      if (p.ballot().greaterThan(promised)) {
        promised = p.ballot();
      }
    } else if (record instanceof DurableRecord.Accepted a) {
      if (a.slot() > snapshotSlot) {
        log.put(a.slot(), new SlotState(a.ballot(), a.value()));
      }
    } else if (record instanceof DurableRecord.Chosen c) {
      if (c.slot() > snapshotSlot) {
        SlotState old = log.get(c.slot());
        log.put(c.slot(), new SlotState(old == null ? Ballot.ZERO : old.ballot, c.value()));
      }
    } else if (record instanceof DurableRecord.ChosenUpTo u) {
      chosenUpTo = Math.max(chosenUpTo, u.slot());
    } else {
      throw new AssertionError("unhandled record " + record);
    }
  }

  public Ballot promised() {
    return promised;
  }

  public long chosenUpTo() {
    return chosenUpTo;
  }

  public long snapshotSlot() {
    return snapshotSlot;
  }

  public byte[] snapshot() {
    return snapshot;
  }

  public TreeMap<Long, SlotState> log() {
    return log;
  }
}
