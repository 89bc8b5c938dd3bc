package io.faultline.checker.history;

import java.nio.file.Path;

/**
 * Input that cannot be read as a history. The message always names where: file and line (or
 * the operation index for in-memory histories) and what was wrong, so it can be shown to a user
 * as it is.
 */
public final class HistoryFormatException extends Exception {
  private final String source;
  private final long line;

  public HistoryFormatException(String source, long line, String problem) {
    super(printable(source + (line > 0 ? ":" + line : "") + ": " + problem));
    this.source = source;
    this.line = line;
  }

  public HistoryFormatException(Path file, long line, String problem) {
    this(file.toString(), line, problem);
  }

  /** Up to 40 characters of input text for a message, quoted. */
  static String quote(String s) {
    return "'" + (s.length() > 40 ? s.substring(0, 40) + "...'" : s + "'");
  }

  /** Control characters escaped, so that a message quoting bad input stays one printable line. */
  private static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  /** The file (or other source) the problem is in. */
  public String source() {
    return source;
  }

  /** 1-based line number, or 0 when the problem is not tied to a line. */
  public long line() {
    return line;
  }
}
