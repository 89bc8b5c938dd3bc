package io.faultline.checker.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Reads Porcupine's {@code test_data/jepsen/etcd_NNN.log} lines
 * ({@code INFO jepsen.util - P :type :f value}) with the semantics the upstream verdicts use
 * (docs/history-formats.md §1.4), translated into ordinary operations:
 *
 * <ul>
 *   <li>{@code :fail :cas} means the CAS ran and its comparison failed: it becomes an {@code ok}
 *       completion with value {@code false} (error {@code "cas-mismatch"}), which the {@code etcd}
 *       model checks as "state != expected".
 *   <li>{@code :fail :read :timed-out} is an unconstrained read; it is kept as {@code fail}, and
 *       dropping a read that constrains nothing does not change any verdict.
 *   <li>{@code :info ... :timed-out} is {@code info}: open until the end.
 *   <li>{@code nil} stays null; the {@code etcd} model reads it as "key absent".
 * </ul>
 *
 * Each line is exactly one record; anything after its value (a second record joined on), a
 * negative process, a pair that is not {@code [old new]} or bytes that are not UTF-8 are refused
 * with file:line. The format has no times: every record is untimed. Its values nest one level at
 * most, under {@link HistoryFormat#MAX_NESTING_DEPTH}.
 */
public final class PorcupineEtcdReader {
  private PorcupineEtcdReader() {}

  public static History read(Path file) throws IOException, HistoryFormatException {
    return read(file.toString(), Utf8Lines.decode(file.toString(), Files.readAllBytes(file)));
  }

  public static History read(String source, String text) throws HistoryFormatException {
    List<Op> ops = new ArrayList<>();
    int[] lines = new int[256];
    Utf8Lines in = Utf8Lines.of(source, text);
    try {
      for (String line = in.next(); line != null; line = in.next()) {
        if (Utf8Lines.isBlank(line)) {
          continue;
        }
        // Fields are separated by spaces and tabs only: any other byte belongs to a field and
        // makes it wrong, so a stray control character is refused rather than skipped.
        ops.add(parse(line.replaceFirst("^[ \\t]+", "").split("[ \\t]+"), ops.size(), source, in.number()));
        if (ops.size() > lines.length) {
          lines = Arrays.copyOf(lines, lines.length * 2);
        }
        lines[ops.size() - 1] = in.number();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e); // text already in memory is not read from anywhere
    }
    BitSet untimed = new BitSet();
    untimed.set(0, ops.size());
    return new History(source, ops, Arrays.copyOf(lines, ops.size()), untimed);
  }

  private static Op parse(String[] t, int position, String source, int line)
      throws HistoryFormatException {
    if (t.length < 7 || !t[0].equals("INFO") || !t[1].equals("jepsen.util") || !t[2].equals("-")) {
      throw new HistoryFormatException(source, line,
          "expected 'INFO jepsen.util - PROCESS :TYPE :F VALUE'");
    }
    int process;
    try {
      process = Integer.parseInt(t[3]);
    } catch (NumberFormatException e) {
      process = -1;
    }
    if (process < 0) {
      throw new HistoryFormatException(source, line,
          "process must be a non-negative integer, got " + HistoryFormatException.quote(t[3]));
    }
    OpType type = t[4].startsWith(":") ? OpType.fromWireName(t[4].substring(1)) : null;
    if (type == null) {
      throw new HistoryFormatException(source, line,
          "type must be :invoke, :ok, :fail or :info, got " + HistoryFormatException.quote(t[4]));
    }
    if (!t[5].startsWith(":") || t[5].length() < 2) {
      throw new HistoryFormatException(source, line,
          "f must be a keyword like :read, got " + HistoryFormatException.quote(t[5]));
    }
    String f = t[5].substring(1);
    int end = 7; // tokens of the value: one, or "[old" "new]"
    if (t[6].startsWith("[") && !t[6].endsWith("]")) {
      while (end < t.length && !t[end - 1].endsWith("]")) {
        end++;
      }
    }
    if (end < t.length) {
      throw new HistoryFormatException(source, line, "unexpected text after the value: "
          + HistoryFormatException.quote(String.join(" ", Arrays.copyOfRange(t, end, t.length)))
          + " (one record per line; two records joined?)");
    }
    Object value = value(String.join(" ", Arrays.copyOfRange(t, 6, end)), source, line);
    String error = null;
    if (type == OpType.FAIL && f.equals("cas")) {
      type = OpType.OK;
      value = Boolean.FALSE;
      error = "cas-mismatch";
    } else if (":timed-out".equals(value)) {
      error = "timed-out";
      value = null;
    }
    return new Op(position, 0, process, type, f, null, value, null, error);
  }

  private static Object value(String v, String source, int line) throws HistoryFormatException {
    if (v.equals("nil")) {
      return null;
    }
    if (v.equals(":timed-out")) {
      return v;
    }
    try {
      if (v.startsWith("[") && v.endsWith("]")) {
        String[] parts = v.substring(1, v.length() - 1).split(" ");
        if (parts.length == 2) {
          return List.of(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        }
      }
      if (!v.startsWith("[")) {
        return Long.parseLong(v);
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new HistoryFormatException(source, line,
        "value must be nil, an integer, [old new] or :timed-out, got " + HistoryFormatException.quote(v));
  }
}
