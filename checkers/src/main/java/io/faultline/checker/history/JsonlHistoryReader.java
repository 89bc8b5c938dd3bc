package io.faultline.checker.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the native JSON Lines history (DESIGN.md, "Histories"): exactly one JSON object per line,
 * UTF-8. Blank lines are skipped. Everything else that is not fully understood is a
 * {@link HistoryFormatException} naming file:line: text after the object, a second object on the
 * line, a field given twice, nesting deeper than {@link HistoryFormat#MAX_NESTING_DEPTH}, bytes
 * that are not UTF-8, a missing or bad {@code process}/{@code type}/{@code f}, and an
 * {@code index} other than the record's 0-based position (indices are dense: a gap is a lost
 * record, a repeat a duplicated one). A missing {@code index} is the position; a missing
 * {@code time} is 0 and marks the record untimed ({@link History#timed}).
 */
public final class JsonlHistoryReader {
  private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(HistoryFormat.MAX_NESTING_DEPTH).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build())
      .enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private JsonlHistoryReader() {}

  public static History read(Path file) throws IOException, HistoryFormatException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(Utf8Lines.of(file.toString(), in), file.toString());
    }
  }

  /** Reads text that is already characters (a string, a test's fixture). */
  public static History read(String source, Reader reader) throws IOException, HistoryFormatException {
    StringWriter text = new StringWriter();
    reader.transferTo(text);
    return read(Utf8Lines.of(source, text.toString()), source);
  }

  private static History read(Utf8Lines in, String source) throws IOException, HistoryFormatException {
    List<Op> ops = new ArrayList<>();
    int[] lines = new int[64];
    BitSet untimed = new BitSet();
    for (String line = in.next(); line != null; line = in.next()) {
      int lineNo = in.number();
      if (Utf8Lines.isBlank(line)) {
        continue;
      }
      Map<?, ?> map = parseObject(line, source, lineNo, in.lastEndedWithNewline());
      if (map.get("time") == null) {
        untimed.set(ops.size());
      }
      ops.add(toOp(map, ops, lines, source, lineNo));
      if (ops.size() > lines.length) {
        lines = Arrays.copyOf(lines, lines.length * 2);
      }
      lines[ops.size() - 1] = lineNo;
    }
    return new History(source, ops, Arrays.copyOf(lines, ops.size()), untimed);
  }

  /** The line's one JSON object; anything before or after it is an error. */
  private static Map<?, ?> parseObject(String line, String source, int lineNo, boolean endedWithNewline)
      throws HistoryFormatException {
    try (JsonParser p = STRICT.createParser(line)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new HistoryFormatException(source, lineNo, "expected a JSON object per line");
      }
      Object value = STRICT.readValue(p, Object.class);
      int end = (int) p.currentLocation().getCharOffset();
      while (end < line.length() && " \t\r".indexOf(line.charAt(end)) >= 0) {
        end++;
      }
      JsonToken after;
      try {
        after = p.nextToken();
      } catch (JsonProcessingException e) {
        after = JsonToken.NOT_AVAILABLE; // not even a token: still text after the object
      }
      if (after != null) {
        throw new HistoryFormatException(source, lineNo, "unexpected text after the JSON object at column "
            + (end + 1) + ": " + HistoryFormatException.quote(line.substring(end))
            + " (one record per line; two records joined?)");
      }
      return (Map<?, ?>) value;
    } catch (StreamConstraintsException e) {
      throw new HistoryFormatException(source, lineNo, "nested more than "
          + HistoryFormat.MAX_NESTING_DEPTH + " levels deep (the limit for every history format)");
    } catch (JsonProcessingException e) {
      String cut = endedWithNewline ? "" : " (the file ends in the middle of this line: cut short while being written?)";
      throw new HistoryFormatException(source, lineNo, "not valid JSON: " + e.getOriginalMessage() + cut);
    } catch (IOException e) {
      throw new IllegalStateException(e); // parsing a String does no I/O
    }
  }

  private static Op toOp(Map<?, ?> m, List<Op> before, int[] lines, String source, int line)
      throws HistoryFormatException {
    int position = before.size();
    long index = number(m, "index", position, source, line);
    if (index != position) {
      throw new HistoryFormatException(source, line, misplacedIndex(index, position, lines));
    }
    long time = number(m, "time", 0, source, line);
    Object p = m.get("process");
    int process;
    if ("nemesis".equals(p)) {
      process = Op.NEMESIS;
    } else if (p instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
      process = (int) (long) l;
    } else {
      throw new HistoryFormatException(source, line,
          "field 'process' must be a non-negative integer or \"nemesis\", got " + Values.show(p));
    }
    Object t = m.get("type");
    OpType type = t instanceof String s ? OpType.fromWireName(s) : null;
    if (type == null) {
      throw new HistoryFormatException(source, line,
          "field 'type' must be invoke, ok, fail or info, got " + Values.show(t));
    }
    if (!(m.get("f") instanceof String f)) {
      throw new HistoryFormatException(source, line,
          "field 'f' must be a string, got " + Values.show(m.get("f")));
    }
    return new Op(index, time, process, type, f, m.get("key"), m.get("value"),
        text(m, "node"), text(m, "error"));
  }

  /**
   * Why {@code index} cannot be the record at {@code position}: {@code lines} holds the lines of
   * the records before it, whose indices were their positions.
   */
  private static String misplacedIndex(long index, int position, int[] lines) {
    String rule = "; indices are dense and 0-based, so this record's is " + position;
    if (index >= 0 && index < position) {
      return "duplicate index " + index + " (line " + lines[(int) index] + " has it too)" + rule;
    }
    if (index > position) {
      return "index " + index + " skips " + (index - position == 1 ? "index " + position
          : "indices " + position + " to " + (index - 1)) + rule + " (a record lost?)";
    }
    return "index " + index + " is negative" + rule;
  }

  private static long number(Map<?, ?> m, String field, long dflt, String source, int line)
      throws HistoryFormatException {
    Object v = m.get(field);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new HistoryFormatException(source, line,
        "field '" + field + "' must be an integer, got " + Values.show(v));
  }

  private static String text(Map<?, ?> m, String field) {
    Object v = m.get(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    // error may be structured in other tools' output; keep its JSON text.
    return Values.show(v);
  }
}
