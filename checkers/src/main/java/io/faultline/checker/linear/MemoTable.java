package io.faultline.checker.linear;

import java.util.Arrays;

/**
 * Lowe's memo, extended with dominance: the configurations already explored, each (completed
 * operations linearised, model state, crashed operations used per class, the state before the
 * last step when that step was a crashed operation). {@link PartSearch} explains why a
 * configuration that uses at least as many crashed operations of every class as an explored one,
 * with the same completed operations, state and restriction, cannot succeed where that one failed.
 *
 * <p>Every configuration recorded is in an exact table (found by a hash of all four parts), so a
 * configuration is never explored twice. Configurations with the same completed operations and
 * state also share a bucket that keeps the last {@value #DOMINANCE_CAP} recorded ones no other in
 * the bucket dominates; a new configuration is also checked against those. (Only the cap is
 * heuristic: keeping fewer only prunes less.)
 *
 * <p>The completed set is stored once per bucket, compactly: the index of its first word that is
 * not full plus the words up to its last non-zero word (a search linearises roughly in real-time
 * order, so that window is short). Class counts are packed in fields of {@code fieldBits} bits
 * whose top bit is a guard, so "every count of a is at most b's" is one subtraction per word:
 * {@code ((b | GUARDS) - a) & GUARDS == GUARDS}.
 *
 * <p>Bytes are estimated (objects and arrays as laid out by a 64-bit JVM with compressed
 * references) and reported through {@link #bytes()} for the memory budget.
 */
final class MemoTable {
  static final int DOMINANCE_CAP = 16;
  private static final long BUCKET_BYTES = 40 + 16 + 16 + 4L * DOMINANCE_CAP;
  private static final long ENTRY_BYTES = 40 + 16;

  private final long guards;
  private Bucket[] buckets = new Bucket[1024];
  private int bucketCount;
  private Entry[] entries = new Entry[1024];
  private int entryCount;
  private long bytes;

  /** Configurations with one completed set and state. */
  private static final class Bucket {
    final long hash;
    final Object state;
    final int knownLow;
    final long[] knownWindow;
    /** The undominated entries most recently recorded, oldest first. */
    final Entry[] front = new Entry[DOMINANCE_CAP];
    int frontSize;

    Bucket(long hash, Object state, int knownLow, long[] knownWindow) {
      this.hash = hash;
      this.state = state;
      this.knownLow = knownLow;
      this.knownWindow = knownWindow;
    }
  }

  /** One recorded configuration: its bucket, class counts and restriction. */
  private static final class Entry {
    final long hash;
    final Bucket bucket;
    final int infoLow;
    final long[] infoWindow;
    final Object before;

    Entry(long hash, Bucket bucket, int infoLow, long[] infoWindow, Object before) {
      this.hash = hash;
      this.bucket = bucket;
      this.infoLow = infoLow;
      this.infoWindow = infoWindow;
      this.before = before;
    }
  }

  /** @param fieldBits width of one packed class count including its guard bit (2..64) */
  MemoTable(int fieldBits) {
    long g = 0;
    for (int field = 0; field < 64 / fieldBits; field++) {
      g |= 1L << (field * fieldBits + fieldBits - 1);
    }
    this.guards = g;
  }

  /** Configurations recorded. */
  long size() {
    return entryCount;
  }

  /** Estimated bytes held. */
  long bytes() {
    return bytes;
  }

  /**
   * Records the configuration unless it was recorded before or an explored one dominates it.
   *
   * @param knownHash hash of the completed set (a function of its bits only)
   * @param known the completed set; words before {@code knownLow} are full, after {@code
   *     knownHigh} zero
   * @param info packed class counts; non-zero only in words {@code infoLow..infoHigh}
   * @param infoHash hash of the class counts (a function of the counts only)
   * @param before null, or the state before the last step when that step was a crashed operation
   * @return true when the configuration is new and was recorded
   */
  boolean addIfNotDominated(long knownHash, long[] known, int knownLow, int knownHigh, Object state,
      long stateBytes, long[] info, int infoLow, int infoHigh, long infoHash, Object before) {
    long bh = mix(knownHash ^ (state.hashCode() * 0x9E3779B97F4A7C15L));
    Bucket b = findBucket(bh, known, knownLow, knownHigh, state);
    long eh = mix(bh ^ mix(infoHash + 0x632BE59BD9B4E019L * (before == null ? 0 : 1 + before.hashCode())));
    if (b == null) {
      long[] window = knownHigh < knownLow ? new long[0] : Arrays.copyOfRange(known, knownLow, knownHigh + 1);
      b = new Bucket(bh, state, knownLow, window);
      insertBucket(b);
      bytes += BUCKET_BYTES + 8L * window.length + stateBytes;
    } else {
      if (findEntry(eh, b, info, infoLow, infoHigh, before)) {
        return false;
      }
      for (int e = 0; e < b.frontSize; e++) {
        Entry x = b.front[e];
        if ((x.before == null || x.before.equals(before)) && dominates(x, info)) {
          return false;
        }
      }
    }
    long[] window = infoHigh < infoLow ? new long[0] : Arrays.copyOfRange(info, infoLow, infoHigh + 1);
    Entry entry = new Entry(eh, b, infoHigh < infoLow ? 0 : infoLow, window, before);
    insertEntry(entry);
    bytes += ENTRY_BYTES + 8L * window.length + (before == null ? 0 : stateBytes);
    addToFront(b, entry, info, infoLow, infoHigh);
    return true;
  }

  /** Keeps the bucket's front an antichain of the most recent entries. */
  private void addToFront(Bucket b, Entry entry, long[] info, int infoLow, int infoHigh) {
    int kept = 0;
    for (int e = 0; e < b.frontSize; e++) {
      Entry x = b.front[e];
      boolean dominated = (entry.before == null || entry.before.equals(x.before))
          && coveredBy(info, infoLow, infoHigh, x);
      if (!dominated) {
        b.front[kept++] = x;
      }
    }
    if (kept == DOMINANCE_CAP) {
      System.arraycopy(b.front, 1, b.front, 0, DOMINANCE_CAP - 1);
      kept--;
    }
    b.front[kept++] = entry;
    for (int e = kept; e < b.frontSize; e++) {
      b.front[e] = null;
    }
    b.frontSize = kept;
  }

  /** True when every stored count of {@code x} is at most the current one. */
  private boolean dominates(Entry x, long[] current) {
    long[] w = x.infoWindow;
    for (int i = 0; i < w.length; i++) {
      if (!atMost(w[i], current[x.infoLow + i])) {
        return false;
      }
    }
    return true;
  }

  /** True when every current count (non-zero in {@code low..high}) is at most {@code x}'s. */
  private boolean coveredBy(long[] current, int low, int high, Entry x) {
    for (int w = low; w <= high; w++) {
      int s = w - x.infoLow;
      long other = s >= 0 && s < x.infoWindow.length ? x.infoWindow[s] : 0;
      if (!atMost(current[w], other)) {
        return false;
      }
    }
    return true;
  }

  /** True when every packed count of {@code a} is at most the corresponding count of {@code b}. */
  private boolean atMost(long a, long b) {
    return (((b | guards) - a) & guards) == guards;
  }

  private Bucket findBucket(long h, long[] known, int knownLow, int knownHigh, Object state) {
    int mask = buckets.length - 1;
    for (int i = (int) h & mask; buckets[i] != null; i = (i + 1) & mask) {
      Bucket b = buckets[i];
      if (b.hash == h && b.knownLow == knownLow && sameWindow(b.knownWindow, known, knownLow, knownHigh)
          && b.state.equals(state)) {
        return b;
      }
    }
    return null;
  }

  private boolean findEntry(long h, Bucket b, long[] info, int infoLow, int infoHigh, Object before) {
    int mask = entries.length - 1;
    for (int i = (int) h & mask; entries[i] != null; i = (i + 1) & mask) {
      Entry e = entries[i];
      if (e.hash == h && e.bucket == b && e.infoLow == (infoHigh < infoLow ? 0 : infoLow)
          && sameWindow(e.infoWindow, info, infoLow, infoHigh)
          && (e.before == null ? before == null : e.before.equals(before))) {
        return true;
      }
    }
    return false;
  }

  private void insertBucket(Bucket b) {
    if (++bucketCount * 2 > buckets.length) {
      buckets = rehash(buckets, new Bucket[buckets.length * 2], x -> x.hash);
      bytes += 4L * buckets.length / 2;
    }
    int mask = buckets.length - 1;
    int i = (int) b.hash & mask;
    while (buckets[i] != null) {
      i = (i + 1) & mask;
    }
    buckets[i] = b;
  }

  private void insertEntry(Entry e) {
    if (++entryCount * 2 > entries.length) {
      entries = rehash(entries, new Entry[entries.length * 2], x -> x.hash);
      bytes += 4L * entries.length / 2;
    }
    int mask = entries.length - 1;
    int i = (int) e.hash & mask;
    while (entries[i] != null) {
      i = (i + 1) & mask;
    }
    entries[i] = e;
  }

  private static <T> T[] rehash(T[] old, T[] table, java.util.function.ToLongFunction<T> hash) {
    int mask = table.length - 1;
    for (T x : old) {
      if (x != null) {
        int i = (int) hash.applyAsLong(x) & mask;
        while (table[i] != null) {
          i = (i + 1) & mask;
        }
        table[i] = x;
      }
    }
    return table;
  }

  private static boolean sameWindow(long[] stored, long[] bits, int low, int high) {
    int len = high < low ? 0 : high - low + 1;
    if (stored.length != len) {
      return false;
    }
    for (int w = 0; w < len; w++) {
      if (stored[w] != bits[low + w]) {
        return false;
      }
    }
    return true;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
