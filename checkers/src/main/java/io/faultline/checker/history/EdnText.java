package io.faultline.checker.history;

import java.util.Arrays;
import us.bpsm.edn.parser.Parseable;

/**
 * EDN source text that edn-java reads one value at a time while we keep track of the position, so
 * every record can be reported with its line. Also skips the whitespace, commas and comments
 * between top-level values, which edn-java would otherwise consume invisibly, and measures how
 * deeply the text nests before edn-java, which recurses once per level, is given any of it.
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
    return lineOf(pos);
  }

  private int lineOf(int at) {
    int i = Arrays.binarySearch(lineStarts, Math.min(at, Math.max(0, text.length() - 1)));
    return (i >= 0 ? i : -i - 2) + 1;
  }

  /**
   * The line at which the whole text first nests deeper than {@code max}, or 0 when it never does.
   * edn-java recurses once per collection and once per tag or {@code #_} discard, whose value is the
   * next form, so all of them count: {@code #_ #_ #_ ... 1} nests as deep as {@code [[[ ... ]]]}.
   * Strings, characters and comments are skipped lexically; mismatched brackets are left to
   * edn-java to report.
   */
  int lineDeeperThan(int max) {
    // A stack of open forms: true = a collection (closed by a bracket), false = a tag or discard
    // (closed by the end of the next complete form).
    boolean[] open = new boolean[max + 1];
    int depth = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      boolean completed = false;
      if (c == ';') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
        continue;
      } else if (Character.isWhitespace(c) || c == ',') {
        i++;
        continue;
      } else if (c == '(' || c == '[' || c == '{' || (c == '#' && i + 1 < n && text.charAt(i + 1) == '{')) {
        if (depth == max) {
          return lineOf(i);
        }
        open[depth++] = true;
        i += c == '#' ? 2 : 1;
        continue;
      } else if (c == '#' && i + 1 < n && (text.charAt(i + 1) == '_' || Character.isLetter(text.charAt(i + 1)))) {
        if (depth == max) {
          return lineOf(i);
        }
        open[depth++] = false;
        i = text.charAt(i + 1) == '_' ? i + 2 : endOfToken(i + 1);
        continue;
      } else if (c == ')' || c == ']' || c == '}') {
        while (depth > 0 && !open[depth - 1]) {
          depth--; // a tag with no form before the bracket: edn-java reports it
        }
        if (depth > 0) {
          depth--;
        }
        i++;
        completed = true;
      } else if (c == '"') {
        i++;
        while (i < n && text.charAt(i) != '"') {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        completed = true;
      } else if (c == '\\') {
        i = endOfToken(i + 2); // a character literal: \x, \newline, \u0041
        completed = true;
      } else {
        i = endOfToken(i + 1);
        completed = true;
      }
      while (completed && depth > 0 && !open[depth - 1]) {
        depth--; // the form a tag or discard applied to is complete
      }
    }
    return 0;
  }

  private int endOfToken(int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == ',' || c == '(' || c == ')' || c == '[' || c == ']'
          || c == '{' || c == '}' || c == '"' || c == ';') {
        break;
      }
      i++;
    }
    return Math.min(i, text.length());
  }
}
