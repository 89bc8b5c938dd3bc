package io.faultline.checker.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the native JSON Lines history (DESIGN.md, "Histories"). Blank lines are skipped. A line
 * that is not a JSON object, lacks {@code process}/{@code type}/{@code f}, or has a bad field is a
 * {@link HistoryFormatException} naming file:line and the field. A missing {@code index} or
 * {@code time} defaults to the position / 0.
 */
public final class JsonlHistoryReader {
  private JsonlHistoryReader() {}

  public static History read(Path file) throws IOException, HistoryFormatException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.toString(), r);
    }
  }

  public static History read(String source, Reader reader) throws IOException, HistoryFormatException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    List<Op> ops = new ArrayList<>();
    int[] lines = new int[64];
    int lineNo = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      Object parsed;
      try {
        parsed = Values.parse(line);
      } catch (JsonProcessingException e) {
        throw new HistoryFormatException(source, lineNo, "not valid JSON: " + e.getOriginalMessage());
      }
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new HistoryFormatException(source, lineNo, "expected a JSON object per line");
      }
      ops.add(toOp(map, ops.size(), source, lineNo));
      if (ops.size() > lines.length) {
        lines = java.util.Arrays.copyOf(lines, lines.length * 2);
      }
      lines[ops.size() - 1] = lineNo;
    }
    return new History(source, ops, java.util.Arrays.copyOf(lines, ops.size()));
  }

  private static Op toOp(Map<?, ?> m, int position, String source, int line)
      throws HistoryFormatException {
    long index = number(m, "index", position, source, line);
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
        text(m, "node", source, line), text(m, "error", source, line));
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

  private static String text(Map<?, ?> m, String field, String source, int line)
      throws HistoryFormatException {
    Object v = m.get(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    // error may be structured in other tools' output; keep its JSON text.
    return Values.show(v);
  }
}
