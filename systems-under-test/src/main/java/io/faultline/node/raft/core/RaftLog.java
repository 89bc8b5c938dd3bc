package io.faultline.node.raft.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory view of the log: a snapshot covering indexes {@code 1..snapshotIndex} followed by
 * entries {@code snapshotIndex+1..lastIndex}. Tracks what was not yet handed to the shell for
 * writing ({@code unstableFrom}), what is known durable on this node's disk ({@code durable}: a
 * leader's own writes may still be in flight), what is committed and what was handed out for
 * applying.
 *
 * <p>Invariants: {@code snapshotIndex ≤ applied ≤ committed ≤ lastIndex}; committed entries are
 * never truncated (an attempt is a safety violation and throws).
 */
final class RaftLog {
  private Snapshot snapshot;
  private final ArrayList<Entry> entries = new ArrayList<>();
  private long committed;
  private long applied;
  private long unstableFrom;
  private long durable;

  RaftLog(Snapshot snapshot, List<Entry> persisted) {
    this.snapshot = snapshot;
    long expected = snapshot.index() + 1;
    for (Entry e : persisted) {
      if (e.index() != expected) {
        throw new IllegalArgumentException(
            "persisted entries must continue the snapshot densely: expected index " + expected
                + ", got " + e.index());
      }
      entries.add(e);
      expected++;
    }
    committed = snapshot.index();
    applied = snapshot.index();
    unstableFrom = lastIndex() + 1;
    durable = lastIndex();
  }

  Snapshot snapshot() {
    return snapshot;
  }

  long snapshotIndex() {
    return snapshot.index();
  }

  long lastIndex() {
    return snapshot.index() + entries.size();
  }

  long lastTerm() {
    return term(lastIndex());
  }

  long committed() {
    return committed;
  }

  long applied() {
    return applied;
  }

  /** The term of the entry at {@code index}; -1 when compacted away or beyond the end. */
  long term(long index) {
    long snapIndex = snapshot.index();
    if (index == snapIndex) {
      return snapshot.term();
    }
    if (index < snapIndex || index > lastIndex()) {
      return -1;
    }
    return entries.get((int) (index - snapIndex - 1)).term();
  }

  Entry entry(long index) {
    return entries.get((int) (index - snapshot.index() - 1));
  }

  boolean matchTerm(long index, long term) {
    return term(index) == term;
  }

  /** Raft §5.4.1: is a log ending at (lastIndex, lastTerm) at least as up to date as ours? */
  boolean isUpToDate(long otherLastIndex, long otherLastTerm) {
    long myLastTerm = lastTerm();
    return otherLastTerm > myLastTerm
        || (otherLastTerm == myLastTerm && otherLastIndex >= lastIndex());
  }

  /** Leader append: the entry must continue the log. */
  void appendOwn(Entry e) {
    if (e.index() != lastIndex() + 1) {
      throw new IllegalStateException("append at " + e.index() + " after last " + lastIndex());
    }
    entries.add(e);
  }

  /**
   * Follower append after a successful consistency check at {@code prevIndex}: skips entries we
   * already hold, truncates at the first conflict and appends the rest. Returns the index of the
   * last entry the leader sent (the highest index now known to match).
   */
  long appendAfter(long prevIndex, List<Entry> incoming) {
    int i = 0;
    for (; i < incoming.size(); i++) {
      Entry e = incoming.get(i);
      if (e.index() <= snapshot.index()) {
        continue; // compacted, hence committed, hence matching
      }
      long mine = term(e.index());
      if (mine == e.term()) {
        continue;
      }
      if (mine != -1) {
        if (e.index() <= committed) {
          throw new IllegalStateException(
              "safety violation: conflicting entry at committed index " + e.index()
                  + " (committed " + committed + ")");
        }
        truncateFrom(e.index());
      }
      break;
    }
    for (; i < incoming.size(); i++) {
      Entry e = incoming.get(i);
      if (e.index() > snapshot.index()) {
        entries.add(e);
        unstableFrom = Math.min(unstableFrom, e.index());
      }
    }
    return prevIndex + incoming.size();
  }

  private void truncateFrom(long index) {
    int keep = (int) (index - snapshot.index() - 1);
    entries.subList(keep, entries.size()).clear();
    unstableFrom = Math.min(unstableFrom, index);
    durable = Math.min(durable, index - 1);
  }

  /** Entries [from, to] (inclusive), at most {@code maxEntries} and about {@code maxBytes}. */
  List<Entry> slice(long from, long to, int maxEntries, long maxBytes) {
    List<Entry> out = new ArrayList<>();
    long bytes = 0;
    for (long i = from; i <= to && out.size() < maxEntries; i++) {
      Entry e = entry(i);
      if (!out.isEmpty() && bytes + e.size() > maxBytes) {
        break;
      }
      bytes += e.size();
      out.add(e);
    }
    return out;
  }

  /** First index of the run of {@code term} that contains {@code index} (for rejection hints). */
  long firstIndexOfTermAt(long index) {
    long t = term(index);
    long i = index;
    while (i - 1 > Math.max(snapshot.index(), committed) && term(i - 1) == t) {
      i--;
    }
    return i;
  }

  /** Highest index ≤ {@code index} whose term is ≤ {@code term}, or 0 if none is known. */
  long lastIndexWithTermAtMost(long index, long term) {
    long i = Math.min(index, lastIndex());
    while (i > snapshot.index() && term(i) > term) {
      i--;
    }
    return i >= snapshot.index() ? i : 0;
  }

  void commitTo(long index) {
    if (index > committed) {
      if (index > lastIndex()) {
        throw new IllegalStateException("commit " + index + " beyond last index " + lastIndex());
      }
      committed = index;
    }
  }

  /** Drops entries up to {@code snap.index()}, which must already be applied. */
  void compact(Snapshot snap) {
    if (snap.index() <= snapshot.index()) {
      return;
    }
    if (snap.index() > applied) {
      throw new IllegalArgumentException(
          "cannot compact to " + snap.index() + " beyond applied " + applied);
    }
    entries.subList(0, (int) (snap.index() - snapshot.index())).clear();
    snapshot = snap;
  }

  /** Replaces the whole log by a snapshot received from the leader. */
  void restore(Snapshot snap) {
    entries.clear();
    snapshot = snap;
    committed = snap.index();
    applied = snap.index();
    unstableFrom = snap.index() + 1;
    durable = Math.min(durable, snap.index());
  }

  List<Entry> unstableEntries() {
    if (unstableFrom > lastIndex()) {
      return List.of();
    }
    return List.copyOf(entries.subList((int) (unstableFrom - snapshot.index() - 1), entries.size()));
  }

  /** Entries up to {@code index} were handed to the shell for writing. */
  void stableTo(long index) {
    unstableFrom = Math.max(unstableFrom, index + 1);
  }

  /** The last index known durable here (never beyond what was handed out). */
  long durable() {
    return Math.min(durable, unstableFrom - 1);
  }

  /**
   * The entry at {@code index} of {@code term}, and so (Log Matching) everything before it, is
   * durable. Ignored when that entry has since been replaced or compacted away.
   */
  void durableTo(long index, long term) {
    if (index > durable && index < unstableFrom && term(index) == term) {
      durable = index;
    }
  }

  List<Entry> committedToApply() {
    if (committed <= applied) {
      return List.of();
    }
    return List.copyOf(
        entries.subList((int) (applied - snapshot.index()), (int) (committed - snapshot.index())));
  }

  void appliedTo(long index) {
    applied = Math.max(applied, index);
  }
}
