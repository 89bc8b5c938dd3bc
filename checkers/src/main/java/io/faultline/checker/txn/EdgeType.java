package io.faultline.checker.txn;

/**
 * Kinds of dependency edge between transactions. Each is one bit, so one graph edge can carry
 * several kinds at once (an int mask).
 */
public enum EdgeType {
  /** T1 installed a version of a key and T2 installed the next one. */
  WW("ww"),
  /** T2 read a version T1 installed. */
  WR("wr"),
  /** Anti-dependency: T1 read a version and T2 installed the next one. */
  RW("rw"),
  /** T1 and T2 ran on the same process, T1 first. */
  PROCESS("process"),
  /** T1 completed before T2 was invoked. */
  REALTIME("realtime");

  private final String label;

  EdgeType(String label) {
    this.label = label;
  }

  public int bit() {
    return 1 << ordinal();
  }

  public String label() {
    return label;
  }

  /** Bits of the data dependencies ww, wr and rw. */
  public static final int DATA = 0b111;

  public static EdgeType ofBit(int bit) {
    return values()[Integer.numberOfTrailingZeros(bit)];
  }
}
