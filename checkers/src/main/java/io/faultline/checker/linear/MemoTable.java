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
 * <p>Everything lives in a few growing arrays of primitives (buckets and entries are indices), not
 * in an object per configuration: a search of a long history records hundreds of thousands of
 * configurations, all alive until it ends, and the garbage collector would copy every one of
 * them. The memory reported by {@link #bytes()} for the budget is what those arrays hold.
 */
final class MemoTable {
  static final int DOMINANCE_CAP = 16;
  private static final int NONE = -1;

  private final long guards;
  private long bytes;

  // Buckets (completed set, state), by index.
  private long[] bucketHash;
  private Object[] bucketState;
  private int[] bucketKnownLow;
  private int[] bucketKnownAt;
  private int[] bucketKnownLength;
  /** Where the bucket's front of CAP entry indices starts in {@link #fronts}, or NONE. */
  private int[] bucketFrontAt;
  private int[] bucketFrontSize;
  /** The only entry of a front that has no block in {@link #fronts} yet. */
  private int[] bucketSingle;
  private int buckets;
  private int[] bucketTable; // bucket index + 1; 0 = empty
  private long[] knownWords;
  private int knownUsed;
  private int[] fronts = new int[4 * DOMINANCE_CAP];
  private int frontsUsed;

  // Entries (one configuration each), by index.
  private long[] entryHash;
  private int[] entryBucket;
  private int[] entryInfoLow;
  private int[] entryInfoAt;
  private int[] entryInfoLength;
  private Object[] entryBefore;
  private int entries;
  private int[] entryTable; // entry index + 1; 0 = empty
  private long[] infoWords;
  private int infoUsed;

  /**
   * @param fieldBits width of one packed class count including its guard bit (2..64)
   * @param expected configurations to make room for at first (the arrays grow as needed)
   */
  MemoTable(int fieldBits, int expected) {
    long g = 0;
    for (int field = 0; field < 64 / fieldBits; field++) {
      g |= 1L << (field * fieldBits + fieldBits - 1);
    }
    this.guards = g;
    int n = Integer.highestOneBit(Math.max(16, Math.min(1 << 12, expected)) - 1) << 1;
    bucketHash = new long[n];
    bucketState = new Object[n];
    bucketKnownLow = new int[n];
    bucketKnownAt = new int[n];
    bucketKnownLength = new int[n];
    bucketFrontAt = new int[n];
    bucketFrontSize = new int[n];
    bucketSingle = new int[n];
    bucketTable = new int[2 * n];
    knownWords = new long[n];
    entryHash = new long[n];
    entryBucket = new int[n];
    entryInfoLow = new int[n];
    entryInfoAt = new int[n];
    entryInfoLength = new int[n];
    entryBefore = new Object[n];
    entryTable = new int[2 * n];
    infoWords = new long[n];
    this.bytes = n * (8L + 4 + 4 * 6 + 8 + 8 + 8 + 4 * 4 + 4 + 8 + 8) + 4L * fronts.length;
  }

  /** Configurations recorded. */
  long size() {
    return entries;
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
   * @param stateBytes estimated bytes of {@code state} (and of {@code before})
   * @param info packed class counts; non-zero only in words {@code infoLow..infoHigh}
   * @param infoHash hash of the class counts (a function of the counts only)
   * @param before null, or the state before the last step when that step was a crashed operation
   * @return true when the configuration is new and was recorded
   */
  boolean addIfNotDominated(long knownHash, long[] known, int knownLow, int knownHigh, Object state,
      long stateBytes, long[] info, int infoLow, int infoHigh, long infoHash, Object before) {
    int infoLength = Math.max(0, infoHigh - infoLow + 1);
    int infoStart = infoLength == 0 ? 0 : infoLow;
    long bh = mix(knownHash ^ (state.hashCode() * 0x9E3779B97F4A7C15L));
    long eh = mix(bh ^ mix(infoHash + 0x632BE59BD9B4E019L * (before == null ? 0 : 1 + before.hashCode())));
    int b = findBucket(bh, known, knownLow, knownHigh, state);
    if (b == NONE) {
      b = newBucket(bh, known, knownLow, knownHigh, state);
      bytes += stateBytes;
    } else {
      if (findEntry(eh, b, info, infoStart, infoLength, before)) {
        return false;
      }
      for (int i = 0; i < bucketFrontSize[b]; i++) {
        int x = front(b, i);
        if ((entryBefore[x] == null || entryBefore[x].equals(before)) && dominates(x, info)) {
          return false;
        }
      }
    }
    int e = newEntry(eh, b, info, infoStart, infoLength, before);
    if (before != null) {
      bytes += stateBytes;
    }
    addToFront(b, e, info, infoStart, infoLength);
    return true;
  }

  private int front(int b, int i) {
    return bucketFrontAt[b] == NONE ? bucketSingle[b] : fronts[bucketFrontAt[b] + i];
  }

  /** Keeps the bucket's front an antichain of its most recent entries. */
  private void addToFront(int b, int e, long[] info, int infoStart, int infoLength) {
    int size = bucketFrontSize[b];
    Object before = entryBefore[e];
    if (size == 0) {
      bucketSingle[b] = e;
      bucketFrontSize[b] = 1;
      return;
    }
    if (bucketFrontAt[b] == NONE) {
      int x = bucketSingle[b];
      if ((before == null || before.equals(entryBefore[x])) && coveredBy(info, infoStart, infoLength, x)) {
        bucketSingle[b] = e; // the new entry dominates the only one
        return;
      }
      if (frontsUsed + DOMINANCE_CAP > fronts.length) {
        bytes += 4L * fronts.length;
        fronts = Arrays.copyOf(fronts, fronts.length * 2);
      }
      bucketFrontAt[b] = frontsUsed;
      frontsUsed += DOMINANCE_CAP;
      fronts[bucketFrontAt[b]] = x;
    }
    int at = bucketFrontAt[b];
    int kept = 0;
    for (int i = 0; i < size; i++) {
      int x = fronts[at + i];
      boolean dominated = (before == null || before.equals(entryBefore[x]))
          && coveredBy(info, infoStart, infoLength, x);
      if (!dominated) {
        fronts[at + kept++] = x;
      }
    }
    if (kept == DOMINANCE_CAP) { // full: the oldest goes
      System.arraycopy(fronts, at + 1, fronts, at, DOMINANCE_CAP - 1);
      kept--;
    }
    fronts[at + kept++] = e;
    bucketFrontSize[b] = kept;
  }

  /** True when every stored count of entry {@code x} is at most the current one. */
  private boolean dominates(int x, long[] current) {
    int at = entryInfoAt[x];
    int low = entryInfoLow[x];
    for (int i = 0; i < entryInfoLength[x]; i++) {
      if (!atMost(infoWords[at + i], current[low + i])) {
        return false;
      }
    }
    return true;
  }

  /** True when every current count (window at {@code start}) is at most entry {@code x}'s. */
  private boolean coveredBy(long[] current, int start, int length, int x) {
    int at = entryInfoAt[x];
    int low = entryInfoLow[x];
    int len = entryInfoLength[x];
    for (int w = start; w < start + length; w++) {
      int s = w - low;
      long other = s >= 0 && s < len ? infoWords[at + s] : 0;
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

  private int findBucket(long h, long[] known, int knownLow, int knownHigh, Object state) {
    int length = Math.max(0, knownHigh - knownLow + 1);
    int mask = bucketTable.length - 1;
    for (int i = (int) h & mask; bucketTable[i] != 0; i = (i + 1) & mask) {
      int b = bucketTable[i] - 1;
      if (bucketHash[b] == h && bucketKnownLow[b] == knownLow && bucketKnownLength[b] == length
          && Arrays.equals(knownWords, bucketKnownAt[b], bucketKnownAt[b] + length, known, knownLow, knownLow + length)
          && bucketState[b].equals(state)) {
        return b;
      }
    }
    return NONE;
  }

  private boolean findEntry(long h, int b, long[] info, int start, int length, Object before) {
    int mask = entryTable.length - 1;
    for (int i = (int) h & mask; entryTable[i] != 0; i = (i + 1) & mask) {
      int e = entryTable[i] - 1;
      if (entryHash[e] == h && entryBucket[e] == b && entryInfoLow[e] == start && entryInfoLength[e] == length
          && Arrays.equals(infoWords, entryInfoAt[e], entryInfoAt[e] + length, info, start, start + length)
          && (entryBefore[e] == null ? before == null : entryBefore[e].equals(before))) {
        return true;
      }
    }
    return false;
  }

  private int newBucket(long h, long[] known, int knownLow, int knownHigh, Object state) {
    int length = Math.max(0, knownHigh - knownLow + 1);
    if (buckets == bucketHash.length) {
      int cap = buckets * 2;
      bytes += (long) buckets * (8 + 4 + 4 * 6);
      bucketHash = Arrays.copyOf(bucketHash, cap);
      bucketState = Arrays.copyOf(bucketState, cap);
      bucketKnownLow = Arrays.copyOf(bucketKnownLow, cap);
      bucketKnownAt = Arrays.copyOf(bucketKnownAt, cap);
      bucketKnownLength = Arrays.copyOf(bucketKnownLength, cap);
      bucketFrontAt = Arrays.copyOf(bucketFrontAt, cap);
      bucketFrontSize = Arrays.copyOf(bucketFrontSize, cap);
      bucketSingle = Arrays.copyOf(bucketSingle, cap);
    }
    while (knownUsed + length > knownWords.length) {
      bytes += 8L * knownWords.length;
      knownWords = Arrays.copyOf(knownWords, knownWords.length * 2);
    }
    int b = buckets++;
    bucketHash[b] = h;
    bucketState[b] = state;
    bucketKnownLow[b] = knownLow;
    bucketKnownAt[b] = knownUsed;
    bucketKnownLength[b] = length;
    bucketFrontAt[b] = NONE;
    System.arraycopy(known, knownLow, knownWords, knownUsed, length);
    knownUsed += length;
    if (buckets * 2 > bucketTable.length) {
      bytes += 4L * bucketTable.length;
      bucketTable = new int[bucketTable.length * 2];
      for (int x = 0; x < buckets - 1; x++) {
        place(bucketTable, bucketHash[x], x);
      }
    }
    place(bucketTable, h, b);
    return b;
  }

  private int newEntry(long h, int b, long[] info, int start, int length, Object before) {
    if (entries == entryHash.length) {
      int cap = entries * 2;
      bytes += (long) entries * (8 + 4 * 4 + 4);
      entryHash = Arrays.copyOf(entryHash, cap);
      entryBucket = Arrays.copyOf(entryBucket, cap);
      entryInfoLow = Arrays.copyOf(entryInfoLow, cap);
      entryInfoAt = Arrays.copyOf(entryInfoAt, cap);
      entryInfoLength = Arrays.copyOf(entryInfoLength, cap);
      entryBefore = Arrays.copyOf(entryBefore, cap);
    }
    while (infoUsed + length > infoWords.length) {
      bytes += 8L * infoWords.length;
      infoWords = Arrays.copyOf(infoWords, infoWords.length * 2);
    }
    int e = entries++;
    entryHash[e] = h;
    entryBucket[e] = b;
    entryInfoLow[e] = start;
    entryInfoAt[e] = infoUsed;
    entryInfoLength[e] = length;
    entryBefore[e] = before;
    System.arraycopy(info, start, infoWords, infoUsed, length);
    infoUsed += length;
    if (entries * 2 > entryTable.length) {
      bytes += 4L * entryTable.length;
      entryTable = new int[entryTable.length * 2];
      for (int x = 0; x < entries - 1; x++) {
        place(entryTable, entryHash[x], x);
      }
    }
    place(entryTable, h, e);
    return e;
  }

  private static void place(int[] table, long h, int index) {
    int mask = table.length - 1;
    int i = (int) h & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = index + 1;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
