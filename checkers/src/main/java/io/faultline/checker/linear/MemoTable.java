package io.faultline.checker.linear;

import java.util.Arrays;

/**
 * Lowe's memo: the set of (linearised-operations bitset, model state) pairs already explored.
 * Open addressing over parallel arrays so the hot path allocates only when it inserts (one copy of
 * the bitset). The caller supplies the bitset's hash (Zobrist, maintained incrementally).
 */
final class MemoTable {
  private long[] hashes;
  private Object[] states;
  private long[][] bitsets;
  private int size;
  private int mask;

  MemoTable(int initialCapacity) {
    int cap = Integer.highestOneBit(Math.max(16, initialCapacity - 1)) << 1;
    hashes = new long[cap];
    states = new Object[cap];
    bitsets = new long[cap][];
    mask = cap - 1;
  }

  int size() {
    return size;
  }

  /** Bytes held per slot besides bitset and state (hash + two references). */
  static final int SLOT_BYTES = 8 + 8 + 8;

  int capacity() {
    return hashes.length;
  }

  /**
   * Adds (bits, state) unless present. {@code bitsHash} must be a function of {@code bits} only.
   *
   * @return true when it was new (and was added, with a private copy of {@code bits})
   */
  boolean addIfAbsent(long bitsHash, long[] bits, Object state) {
    long h = mix(bitsHash ^ (state.hashCode() * 0x9E3779B97F4A7C15L));
    int i = (int) h & mask;
    while (bitsets[i] != null) {
      if (hashes[i] == h && states[i].equals(state) && Arrays.equals(bitsets[i], bits)) {
        return false;
      }
      i = (i + 1) & mask;
    }
    hashes[i] = h;
    states[i] = state;
    bitsets[i] = bits.clone();
    if (++size * 2 > hashes.length) {
      grow();
    }
    return true;
  }

  private void grow() {
    long[] oh = hashes;
    Object[] os = states;
    long[][] ob = bitsets;
    int cap = oh.length * 2;
    hashes = new long[cap];
    states = new Object[cap];
    bitsets = new long[cap][];
    mask = cap - 1;
    for (int j = 0; j < oh.length; j++) {
      if (ob[j] != null) {
        int i = (int) oh[j] & mask;
        while (bitsets[i] != null) {
          i = (i + 1) & mask;
        }
        hashes[i] = oh[j];
        states[i] = os[j];
        bitsets[i] = ob[j];
      }
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
