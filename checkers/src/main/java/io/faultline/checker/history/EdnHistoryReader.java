package io.faultline.checker.history;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import us.bpsm.edn.EdnException;
import us.bpsm.edn.Keyword;
import us.bpsm.edn.Symbol;
import us.bpsm.edn.parser.Parser;
import us.bpsm.edn.parser.Parsers;

/**
 * Reads Jepsen/Knossos EDN histories: either one top-level vector or list of operation maps, or a
 * stream of maps (one per line or spread over lines). Keywords become strings without the colon,
 * vectors/lists/sets become lists, maps get string keys. With {@code independentKeys}, every
 * client value is a Jepsen independent tuple {@code [k v]}: {@code k} becomes {@link Op#key()}.
 * Porcupine's kv logs use the same map syntax with an explicit {@code :key}, which is kept.
 * Each record's line is where its map starts.
 *
 * <p>Refused, with file:line: bytes that are not UTF-8, nesting deeper than
 * {@link HistoryFormat#MAX_NESTING_DEPTH} (checked before edn-java, which recurses, sees the
 * text), control characters outside strings, anything but maps in the history, text after the
 * enclosing vector's end, and an {@code :index} that does not increase from record to record (gaps
 * are allowed: Jepsen keeps a filtered history's original indices). Two maps on one line are two
 * records: EDN does not care about line breaks, and Knossos's own files spread maps over lines.
 */
public final class EdnHistoryReader {
  private EdnHistoryReader() {}

  public static History read(Path file, boolean independentKeys)
      throws IOException, HistoryFormatException {
    return read(file.toString(), Utf8Lines.decode(file.toString(), Files.readAllBytes(file)), independentKeys);
  }

  public static History read(String source, String text, boolean independentKeys)
      throws HistoryFormatException {
    EdnText in = new EdnText(text);
    Parser parser = Parsers.newParser(Parsers.defaultConfiguration());
    List<Op> ops = new ArrayList<>();
    int[] lines = new int[64];
    BitSet untimed = new BitSet();
    long lastIndex = -1;
    int lastIndexLine = 0;
    int first = in.peekSignificant();
    char close = 0;
    if (first == '[' || first == '(') {
      close = first == '[' ? ']' : ')';
    }
    // The enclosing vector is not part of any record, so it does not count towards the limit.
    in.checkLexically(source, HistoryFormat.MAX_NESTING_DEPTH + (close != 0 ? 1 : 0));
    if (close != 0) {
      in.skip();
    }
    while (true) {
      int c = in.peekSignificant();
      int line = in.line();
      if (close != 0 && c == close) {
        in.skip();
        if (in.peekSignificant() != -1) {
          throw new HistoryFormatException(source, in.line(),
              "unexpected text after the history's closing '" + close + "'");
        }
        break;
      }
      if (c == -1) {
        if (close != 0) {
          throw new HistoryFormatException(source, line, "missing closing '" + close + "'");
        }
        break;
      }
      Object value;
      try {
        if (in.atDiscard()) {
          // Drop the discarded form here, so that the line taken above is the next record's own.
          in.skip();
          in.skip();
          parser.nextValue(in);
          continue;
        }
        value = parser.nextValue(in);
      } catch (EdnException e) {
        throw new HistoryFormatException(source, in.line(), "bad EDN: " + e.getMessage());
      }
      if (value == Parser.END_OF_INPUT) {
        break;
      }
      if (!(value instanceof Map<?, ?> map)) {
        throw new HistoryFormatException(source, line, "expected an operation map, got " + Values.show(convert(value)));
      }
      if (map.get(Keyword.newKeyword("time")) == null) {
        untimed.set(ops.size());
      }
      Op op = toOp(map, ops.size(), independentKeys, source, line);
      if (map.get(Keyword.newKeyword("index")) != null) {
        checkIndex(op.index(), lastIndex, lastIndexLine, source, line);
        lastIndex = op.index();
        lastIndexLine = line;
      }
      ops.add(op);
      if (ops.size() > lines.length) {
        lines = Arrays.copyOf(lines, lines.length * 2);
      }
      lines[ops.size() - 1] = line;
    }
    return new History(source, ops, Arrays.copyOf(lines, ops.size()), untimed);
  }

  /**
   * Jepsen's {@code :index} increases from record to record; it need not be dense, because a
   * history filtered in Jepsen (client operations only, one key) keeps its original indices. A
   * repeat is a duplicated record, a decrease records out of order.
   */
  private static void checkIndex(long index, long last, int lastLine, String source, int line)
      throws HistoryFormatException {
    String rule = "; :index must increase from record to record";
    if (index < 0) {
      throw new HistoryFormatException(source, line, ":index " + index + " is negative" + rule);
    }
    if (index == last) {
      throw new HistoryFormatException(source, line, "duplicate :index " + index + " (line " + lastLine
          + " has it too)" + rule);
    }
    if (index < last) {
      throw new HistoryFormatException(source, line, ":index " + index + " is below line " + lastLine + "'s "
          + last + rule + " (records out of order?)");
    }
  }

  private static Op toOp(Map<?, ?> raw, int position, boolean independent, String source, int line)
      throws HistoryFormatException {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : raw.entrySet()) {
      m.put(name(e.getKey()), convert(e.getValue()));
    }
    Object p = m.get("process");
    int process;
    if ("nemesis".equals(p)) {
      process = Op.NEMESIS;
    } else if (p instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
      process = (int) (long) l;
    } else {
      throw new HistoryFormatException(source, line, ":process must be a non-negative integer or :nemesis, got " + Values.show(p));
    }
    OpType type = m.get("type") instanceof String s ? OpType.fromWireName(s) : null;
    if (type == null) {
      throw new HistoryFormatException(source, line, ":type must be :invoke, :ok, :fail or :info, got " + Values.show(m.get("type")));
    }
    if (!(m.get("f") instanceof String f)) {
      throw new HistoryFormatException(source, line, ":f must be a keyword or string, got " + Values.show(m.get("f")));
    }
    Object key = m.get("key");
    Object value = m.get("value");
    if (independent && process != Op.NEMESIS) {
      if (!(value instanceof List<?> tuple) || tuple.size() != 2) {
        throw new HistoryFormatException(source, line, ":value must be an independent [key value] tuple, got " + Values.show(value));
      }
      key = tuple.get(0);
      value = tuple.get(1);
    }
    long index = integer(m, "index", position, source, line);
    long time = integer(m, "time", 0, source, line);
    Object node = m.get("node");
    Object error = m.get("error");
    return new Op(index, time, process, type, f, key, value,
        node == null ? null : node instanceof String s ? s : Values.show(node),
        error == null ? null : error instanceof String s ? s : Values.show(error));
  }

  private static long integer(Map<String, Object> m, String field, long dflt, String source, int line)
      throws HistoryFormatException {
    Object v = m.get(field);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new HistoryFormatException(source, line, ":" + field + " must be an integer, got " + Values.show(v));
  }

  private static String name(Object key) {
    if (key instanceof Keyword k) {
      return k.getPrefix().isEmpty() ? k.getName() : k.getPrefix() + "/" + k.getName();
    }
    return String.valueOf(key);
  }

  /** EDN value to a JSON-shaped value. */
  static Object convert(Object v) {
    if (v == null || v instanceof Long || v instanceof String || v instanceof Boolean || v instanceof Double) {
      return v;
    }
    if (v instanceof Keyword || v instanceof Symbol) {
      return v instanceof Keyword k ? name(k) : v.toString();
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof Character c) {
      return c.toString();
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(name(e.getKey()), convert(e.getValue()));
      }
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      for (Object o : c) {
        out.add(convert(o));
      }
      return out;
    }
    return v.toString();
  }
}
