package io.faultline.checker.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 */
public final class PorcupineEtcdReader {
  private PorcupineEtcdReader() {}

  public static History read(Path file) throws IOException, HistoryFormatException {
    return read(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  public static History read(String source, String text) throws HistoryFormatException {
    List<Op> ops = new ArrayList<>();
    int[] lines = new int[256];
    int lineNo = 0;
    try (BufferedReader in = new BufferedReader(new StringReader(text))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        ops.add(parse(line.trim().split("\\s+"), ops.size(), source, lineNo));
        if (ops.size() > lines.length) {
          lines = Arrays.copyOf(lines, lines.length * 2);
        }
        lines[ops.size() - 1] = lineNo;
      }
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringReader does not fail
    }
    return new History(source, ops, Arrays.copyOf(lines, ops.size()));
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
      throw new HistoryFormatException(source, line, "process must be an integer, got '" + t[3] + "'");
    }
    OpType type = t[4].startsWith(":") ? OpType.fromWireName(t[4].substring(1)) : null;
    if (type == null) {
      throw new HistoryFormatException(source, line, "type must be :invoke, :ok, :fail or :info, got '" + t[4] + "'");
    }
    if (!t[5].startsWith(":") || t[5].length() < 2) {
      throw new HistoryFormatException(source, line, "f must be a keyword like :read, got '" + t[5] + "'");
    }
    String f = t[5].substring(1);
    Object value = value(String.join(" ", Arrays.copyOfRange(t, 6, t.length)), source, line);
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
        String[] parts = v.substring(1, v.length() - 1).trim().split("\\s+");
        List<Object> list = new ArrayList<>();
        for (String p : parts) {
          list.add(Long.parseLong(p));
        }
        return list;
      }
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new HistoryFormatException(source, line,
          "value must be nil, an integer, [old new] or :timed-out, got '" + v + "'");
    }
  }
}
