package io.faultline.checker.history;

import java.util.Arrays;
import us.bpsm.edn.parser.Parseable;

/**
 * EDN source text that edn-java reads one value at a time while we keep track of the position, so
 * every record can be reported with its line. Also skips the whitespace, commas and comments
 * between top-level values, which edn-java would otherwise consume invisibly.
 */
final class EdnText implements Parseable {
  private final String text;
  private final int[] lineStarts;
  private int pos;

  EdnText(String text) {
    this.text = text;
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  @Override
  public int read() {
    return pos < text.length() ? text.charAt(pos++) : END_OF_INPUT;
  }

  @Override
  public void unread(int ch) {
    if (ch != END_OF_INPUT) {
      pos--;
    }
  }

  @Override
  public void close() {}

  /** Skips whitespace, commas and {@code ;} comments; returns the next char or -1 at the end. */
  int peekSignificant() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ';') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c) || c == ',') {
        pos++;
      } else {
        return c;
      }
    }
    return -1;
  }

  void skip() {
    pos++;
  }

  /** 1-based line of the current position. */
  int line() {
    int i = Arrays.binarySearch(lineStarts, Math.min(pos, Math.max(0, text.length() - 1)));
    return (i >= 0 ? i : -i - 2) + 1;
  }
}
