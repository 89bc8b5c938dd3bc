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

  /** Whether the text at the current position is a {@code #_} discard. */
  boolean atDiscard() {
    return pos + 1 < text.length() && text.charAt(pos) == '#' && text.charAt(pos + 1) == '_';
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

  private static final byte COLLECTION = 0;
  private static final byte TAG = 1;
  private static final byte DISCARD = 2; // #_ waiting for the form it drops
  private static final byte DISCARDED = 3; // #_ whose form is dropped, waiting for a kept form

  /**
   * Checks the whole text lexically before edn-java sees any of it: it must not nest deeper than
   * {@code max}, and must hold no control characters outside strings (EDN's whitespace is space,
   * tab, line breaks and commas; edn-java would skip a stray control byte silently). Depth counts
   * what edn-java recurses on: each open collection, each tag whose form has not ended, and each
   * {@code #_} discard since the last form kept — edn-java reads {@code #_ 1 #_ 1 ... 2} by
   * recursing once per discard, so a long run of them nests as deep as {@code [[[ ... ]]]}.
   * Strings, characters and comments are skipped; mismatched brackets are left to edn-java.
   */
  void checkLexically(String source, int max) throws HistoryFormatException {
    byte[] stack = new byte[max];
    int depth = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      char next = i + 1 < n ? text.charAt(i + 1) : 0;
      byte open = -1;
      int after;
      if (c == ';') {
        after = text.indexOf('\n', i);
        i = after < 0 ? n : after;
        continue;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
        i++;
        continue;
      } else if (Character.isISOControl(c)) {
        throw new HistoryFormatException(source, lineOf(i), String.format(
            "control character U+%04X outside a string (column %d)", (int) c, i - lineStarts[lineOf(i) - 1] + 1));
      } else if (c == '(' || c == '[' || c == '{' || (c == '#' && next == '{')) {
        open = COLLECTION;
        after = i + (c == '#' ? 2 : 1);
      } else if (c == '#' && next == '_') {
        open = DISCARD;
        after = i + 2;
      } else if (c == '#' && Character.isLetter(next)) {
        open = TAG;
        after = endOfToken(i + 1);
      } else if (c == ')' || c == ']' || c == '}') {
        while (depth > 0 && stack[depth - 1] != COLLECTION) {
          depth--; // a tag or discard with no form before the bracket: edn-java reports it
        }
        depth = Math.max(0, depth - 1);
        depth = formEnded(stack, depth);
        i++;
        continue;
      } else if (c == '"') {
        int j = i + 1;
        while (j < n && text.charAt(j) != '"') {
          j += text.charAt(j) == '\\' ? 2 : 1;
        }
        after = j + 1;
      } else if (c == '\\') {
        after = endOfToken(i + 2); // a character literal: \x, \newline, \u0041
      } else {
        after = endOfToken(i + 1);
      }
      if (open >= 0) {
        if (depth == max) {
          throw new HistoryFormatException(source, lineOf(i), "nested more than "
              + HistoryFormat.MAX_NESTING_DEPTH + " levels deep (the limit for every history format)");
        }
        stack[depth++] = open;
      } else {
        depth = formEnded(stack, depth);
      }
      i = after;
    }
  }

  /** The stack's depth after a form ended: it was dropped by a discard, or kept and completes tags. */
  private static int formEnded(byte[] stack, int depth) {
    while (true) {
      while (depth > 0 && stack[depth - 1] == DISCARDED) {
        depth--;
      }
      if (depth > 0 && stack[depth - 1] == DISCARD) {
        stack[depth - 1] = DISCARDED;
        return depth;
      }
      if (depth > 0 && stack[depth - 1] == TAG) {
        depth--; // the tagged form is complete: a form that ended in turn
        continue;
      }
      return depth;
    }
  }

  private int endOfToken(int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == ',' || c == '(' || c == ')' || c == '[' || c == ']'
          || c == '{' || c == '}' || c == '"' || c == ';' || Character.isISOControl(c)) {
        break;
      }
      i++;
    }
    return Math.min(i, text.length());
  }
}
