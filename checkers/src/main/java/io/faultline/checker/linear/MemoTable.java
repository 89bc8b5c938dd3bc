package io.faultline.checker.linear;

/**
 * Lowe's memo, extended with dominance: the configurations already explored, each (completed
 * operations linearised, model state, crashed operations used per class, the state before the
 * last step when that step was a crashed operation). {@link PartSearch} explains why a
 * configuration that uses at least as many crashed operations of every class as an explored one,
 * with the same completed operations, state and restriction, cannot succeed where that one failed.
 *
 * <p>Configurations with the same completed operations and state share a bucket, found by open
 * addressing on the caller's incremental hash of the completed set. The completed set is stored
 * compactly as the index of its first word that is not full plus the words up to its last
 * non-zero word (a search linearises roughly in real-time order, so that window is short). Class
 * counts are packed in fields of {@code fieldBits} bits whose top bit is a guard, so "every count
 * of a is at most b's" is one subtraction per word: {@code ((b | GUARDS) - a) & GUARDS == GUARDS}.
 * Each bucket keeps an antichain: an entry dominated by a new one is dropped.
 *
 * <p>Bytes are estimated (arrays and objects as laid out by a 64-bit JVM with compressed
 * references) and reported through {@link #bytes()} for the memory budget.
 */
final class MemoTable {
  private final long guards;
  private Bucket[] table;
  private int buckets;
  private long entries;
  private long bytes;

  /** One (completed set, state) and its explored crashed-operation usages. */
  private static final class Bucket {
    final long hash;
    final Object state;
    final int knownLow;
    final long[] knownWindow;
    int size;
    int[] infoLow = new int[1];
    long[][] infoWindow = new long[1][];
    Object[] before = new Object[1];

    Bucket(long hash, Object state, int knownLow, long[] knownWindow) {
      this.hash = hash;
      this.state = state;
      this.knownLow = knownLow;
      this.knownWindow = knownWindow;
    }
  }

  /**
   * @param fieldBits width of one packed class count including its guard bit (2..64)
   */
  MemoTable(int fieldBits) {
    long g = 0;
    for (int field = 0; field < 64 / fieldBits; field++) {
      g |= 1L << (field * fieldBits + fieldBits - 1);
    }
    this.guards = g;
    this.table = new Bucket[1024];
  }

  /** Configurations recorded (entries over all buckets). */
  long size() {
    return entries;
  }

  /** Estimated bytes held. */
  long bytes() {
    return bytes;
  }

  /** True when every packed count of {@code a} is at most the corresponding count of {@code b}. */
  private boolean atMost(long a, long b) {
    return (((b | guards) - a) & guards) == guards;
  }

  /**
   * Records the configuration unless an explored one dominates it.
   *
   * @param knownHash hash of the completed set (a function of its bits only)
   * @param known the completed set; words before {@code knownLow} are full, after {@code
   *     knownHigh} zero
   * @param info packed class counts; non-zero only in words {@code infoLow..infoHigh}
   * @param before null, or the state before the last step when that step was a crashed operation
   * @return true when the configuration is new and was recorded
   */
  boolean addIfNotDominated(long knownHash, long[] known, int knownLow, int knownHigh, Object state,
      long stateBytes, long[] info, int infoLow, int infoHigh, Object before) {
    long h = mix(knownHash ^ (state.hashCode() * 0x9E3779B97F4A7C15L));
    int mask = table.length - 1;
    int i = (int) h & mask;
    Bucket b;
    while ((b = table[i]) != null) {
      if (b.hash == h && b.knownLow == knownLow && sameWindow(b.knownWindow, known, knownLow, knownHigh)
          && b.state.equals(state)) {
        return addEntry(b, info, infoLow, infoHigh, before, stateBytes);
      }
      i = (i + 1) & mask;
    }
    long[] window = knownHigh < knownLow ? new long[0]
        : java.util.Arrays.copyOfRange(known, knownLow, knownHigh + 1);
    b = new Bucket(h, state, knownLow, window);
    table[i] = b;
    bytes += 56 + 16 + 8L * window.length + 3 * 24 + stateBytes;
    addEntry(b, info, infoLow, infoHigh, before, stateBytes);
    if (++buckets * 2 > table.length) {
      grow();
    }
    return true;
  }

  private boolean addEntry(Bucket b, long[] info, int infoLow, int infoHigh, Object before,
      long stateBytes) {
    for (int e = 0; e < b.size; e++) {
      if ((b.before[e] == null || b.before[e].equals(before))
          && dominates(b.infoWindow[e], b.infoLow[e], info)) {
        return false;
      }
    }
    // Drop the entries the new one dominates, keeping the bucket an antichain.
    int kept = 0;
    for (int e = 0; e < b.size; e++) {
      boolean dominated = (before == null || before.equals(b.before[e]))
          && coveredBy(info, infoLow, infoHigh, b.infoWindow[e], b.infoLow[e]);
      if (dominated) {
        bytes -= entryBytes(b.infoWindow[e]);
        entries--;
      } else {
        b.infoLow[kept] = b.infoLow[e];
        b.infoWindow[kept] = b.infoWindow[e];
        b.before[kept] = b.before[e];
        kept++;
      }
    }
    for (int e = kept; e < b.size; e++) {
      b.infoWindow[e] = null;
      b.before[e] = null;
    }
    b.size = kept;
    if (b.size == b.infoLow.length) {
      int cap = b.size * 2;
      b.infoLow = java.util.Arrays.copyOf(b.infoLow, cap);
      b.infoWindow = java.util.Arrays.copyOf(b.infoWindow, cap);
      b.before = java.util.Arrays.copyOf(b.before, cap);
      bytes += 16L * b.size;
    }
    long[] window = infoHigh < infoLow ? new long[0]
        : java.util.Arrays.copyOfRange(info, infoLow, infoHigh + 1);
    b.infoLow[b.size] = infoLow;
    b.infoWindow[b.size] = window;
    b.before[b.size] = before;
    b.size++;
    entries++;
    bytes += entryBytes(window) + (before == null ? 0 : stateBytes);
    return true;
  }

  private static long entryBytes(long[] window) {
    return 16 + 8L * window.length + 16;
  }

  /** The stored counts (window at {@code low}) are at most the current ones everywhere. */
  private boolean dominates(long[] stored, int low, long[] current) {
    for (int w = 0; w < stored.length; w++) {
      if (!atMost(stored[w], current[low + w])) {
        return false;
      }
    }
    return true;
  }

  /** The current counts (non-zero in {@code low..high}) are at most the stored ones everywhere. */
  private boolean coveredBy(long[] current, int low, int high, long[] stored, int storedLow) {
    for (int w = low; w <= high; w++) {
      int s = w - storedLow;
      long other = s >= 0 && s < stored.length ? stored[s] : 0;
      if (!atMost(current[w], other)) {
        return false;
      }
    }
    return true;
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

  private void grow() {
    Bucket[] old = table;
    table = new Bucket[old.length * 2];
    int mask = table.length - 1;
    for (Bucket b : old) {
      if (b != null) {
        int i = (int) b.hash & mask;
        while (table[i] != null) {
          i = (i + 1) & mask;
        }
        table[i] = b;
      }
    }
    bytes += 4L * old.length; // the table grew by old.length references
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
