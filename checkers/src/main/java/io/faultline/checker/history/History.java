package io.faultline.checker.history;

import java.util.List;

/**
 * A history as read from one source: the operations in file order plus, for each operation, the
 * 1-based line it came from, so that every later complaint (pairing, models) can name file:line.
 *
 * @param source file name or other label used in error messages
 * @param ops operations in real-time (file) order
 * @param lines {@code lines[i]} is the line of {@code ops.get(i)}; same length as {@code ops}
 */
public record History(String source, List<Op> ops, int[] lines) {

  public History {
    if (lines.length != ops.size()) {
      throw new IllegalArgumentException("lines and ops differ in length");
    }
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
}
