package io.faultline.checker.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * History text split into lines, decoded as strict UTF-8: a byte sequence that is not UTF-8 is a
 * {@link HistoryFormatException} naming the line and the byte offset in the file, instead of the
 * JDK's "Input length = 1". Lines end at {@code \n}; one {@code \r} before it belongs to the line
 * ending. A lone {@code \r} is not a line ending (the JDK's readers would split there, so a record
 * could hide behind one).
 *
 * <p>Reads from a stream (one line in memory at a time) or from text already decoded.
 */
final class Utf8Lines {
  private final String source;
  private final InputStream in;
  private final String text;
  private final CharsetDecoder decoder = newDecoder();
  private byte[] buf = new byte[1 << 16];
  private int bufPos;
  private int bufLen;
  private byte[] line = new byte[256];
  private long offset; // byte offset in the file of the next line's first byte
  private int textPos;
  private int number;
  private boolean lastEndedWithNewline = true;

  private Utf8Lines(String source, InputStream in, String text) {
    this.source = source;
    this.in = in;
    this.text = text;
  }

  /** Lines of a byte stream, decoded as they are read. */
  static Utf8Lines of(String source, InputStream in) {
    return new Utf8Lines(source, in, null);
  }

  /** Lines of text that is already characters. */
  static Utf8Lines of(String source, String text) {
    return new Utf8Lines(source, null, text);
  }

  /** The whole of {@code bytes} as text, or an error naming the line of the first bad byte. */
  static String decode(String source, byte[] bytes) throws HistoryFormatException {
    CharBuffer out = CharBuffer.allocate(bytes.length);
    int bad = decodeInto(newDecoder(), bytes, bytes.length, out);
    if (bad >= 0) {
      int lineNo = 1;
      int lineStart = 0;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          lineNo++;
          lineStart = i + 1;
        }
      }
      throw notUtf8(source, lineNo, bad, bad - lineStart, bytes[bad]);
    }
    return out.flip().toString();
  }

  /** Decodes {@code bytes[0, len)} into {@code out}; the index of the first bad byte, or -1. */
  private static int decodeInto(CharsetDecoder decoder, byte[] bytes, int len, CharBuffer out) {
    ByteBuffer input = ByteBuffer.wrap(bytes, 0, len);
    decoder.reset();
    CoderResult r = decoder.decode(input, out, true);
    if (r.isError()) {
      return input.position(); // decode leaves the position at the start of the bad sequence
    }
    decoder.flush(out);
    return -1;
  }

  private static CharsetDecoder newDecoder() {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /**
   * Whether a line holds nothing but spaces and tabs. Stricter than {@link String#isBlank}, which
   * would also pass form feeds and other control characters that no history format allows.
   */
  static boolean isBlank(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /** The next line without its line ending, or null at the end. */
  String next() throws IOException, HistoryFormatException {
    return text != null ? nextOfText() : nextOfStream();
  }

  /** 1-based number of the line {@link #next} returned last. */
  int number() {
    return number;
  }

  /** False when the last line returned ran to the end of the input without a line ending. */
  boolean lastEndedWithNewline() {
    return lastEndedWithNewline;
  }

  private String nextOfText() {
    if (textPos >= text.length()) {
      return null;
    }
    int end = text.indexOf('\n', textPos);
    lastEndedWithNewline = end >= 0;
    if (end < 0) {
      end = text.length();
    }
    int stop = end > textPos && text.charAt(end - 1) == '\r' && lastEndedWithNewline ? end - 1 : end;
    String s = text.substring(textPos, stop);
    textPos = end + 1;
    number++;
    return s;
  }

  private String nextOfStream() throws IOException, HistoryFormatException {
    int n = 0;
    boolean newline = false;
    while (true) {
      if (bufPos == bufLen) {
        bufLen = in.read(buf, 0, buf.length);
        bufPos = 0;
        if (bufLen <= 0) {
          bufLen = 0;
          break;
        }
      }
      int i = bufPos;
      while (i < bufLen && buf[i] != '\n') {
        i++;
      }
      int chunk = i - bufPos;
      if (n + chunk > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, n + chunk));
      }
      System.arraycopy(buf, bufPos, line, n, chunk);
      n += chunk;
      bufPos = i;
      if (i < bufLen) {
        bufPos++; // the '\n'
        newline = true;
        break;
      }
    }
    if (n == 0 && !newline) {
      return null;
    }
    number++;
    lastEndedWithNewline = newline;
    long lineOffset = offset;
    offset += n + (newline ? 1 : 0);
    int len = newline && n > 0 && line[n - 1] == '\r' ? n - 1 : n;
    return decodeLine(len, lineOffset);
  }

  private String decodeLine(int len, long lineOffset) throws HistoryFormatException {
    boolean ascii = true;
    for (int i = 0; i < len; i++) {
      if (line[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(line, 0, len, StandardCharsets.ISO_8859_1);
    }
    CharBuffer out = CharBuffer.allocate(len);
    int bad = decodeInto(decoder, line, len, out);
    if (bad >= 0) {
      throw notUtf8(source, number, lineOffset + bad, bad, line[bad]);
    }
    return out.flip().toString();
  }

  private static HistoryFormatException notUtf8(String source, int lineNo, long offset, int inLine, byte b) {
    return new HistoryFormatException(source, lineNo, String.format(
        "not valid UTF-8: byte 0x%02X at byte offset %d of the file (byte %d of the line)",
        b & 0xff, offset, inLine + 1));
  }
}
