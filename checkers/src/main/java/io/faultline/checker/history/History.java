package io.faultline.checker.history;

import java.util.BitSet;
import java.util.List;

/**
 * A history as read from one source: the operations in file order plus, for each operation, the
 * 1-based line it came from, so that every later complaint (pairing, models) can name file:line.
 *
 * @param source file name or other label used in error messages
 * @param ops operations in real-time (file) order
 * @param lines {@code lines[i]} is the line of {@code ops.get(i)}; same length as {@code ops}
 * @param untimed bit {@code i} is set when the record of {@code ops.get(i)} carried no time (its
 *     {@link Op#time()} is then 0 and means nothing); never modified after construction
 */
public record History(String source, List<Op> ops, int[] lines, BitSet untimed) {

  public History {
    if (lines.length != ops.size()) {
      throw new IllegalArgumentException("lines and ops differ in length");
    }
    untimed = (BitSet) untimed.clone();
  }

  /** A history whose every record carried a time. */
  public History(String source, List<Op> ops, int[] lines) {
    this(source, ops, lines, new BitSet());
  }

  /** An in-memory history: "line" i+1 is operation i. */
  public static History of(String source, List<Op> ops) {
    int[] lines = new int[ops.size()];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = i + 1;
    }
    return new History(source, ops, lines);
  }

  public int size() {
    return ops.size();
  }

  /** The line of operation {@code i}. */
  public int line(int i) {
    return lines[i];
  }

  @Override
  public BitSet untimed() {
    return (BitSet) untimed.clone();
  }

  /** Whether operation {@code i}'s record carried a time, so {@link Op#time()} can be compared. */
  public boolean timed(int i) {
    return !untimed.get(i);
  }
}
