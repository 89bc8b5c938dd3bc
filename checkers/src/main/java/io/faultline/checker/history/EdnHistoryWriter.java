package io.faultline.checker.history;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes a history as EDN, one operation map per line, so Jepsen's own tools (Knossos, Elle) can
 * read a Faultline history. {@code f}, {@code type} and txn micro-op names become keywords; a
 * keyed operation's value becomes a Jepsen independent tuple {@code [key value]}.
 */
public final class EdnHistoryWriter {
  private EdnHistoryWriter() {}

  public static void write(List<Op> ops, Writer out) throws IOException {
    StringBuilder s = new StringBuilder(128);
    for (Op op : ops) {
      s.setLength(0);
      s.append("{:index ").append(op.index()).append(", :time ").append(op.time());
      s.append(", :process ").append(op.isNemesis() ? ":nemesis" : Integer.toString(op.process()));
      s.append(", :type :").append(op.type().wireName());
      s.append(", :f ");
      keyword(s, op.f());
      s.append(", :value ");
      boolean txn = "txn".equals(op.f());
      if (op.key() != null) {
        s.append('[');
        value(s, op.key(), false);
        s.append(' ');
        value(s, op.value(), txn);
        s.append(']');
      } else {
        value(s, op.value(), txn);
      }
      if (op.node() != null) {
        s.append(", :node ");
        value(s, op.node(), false);
      }
      if (op.error() != null) {
        s.append(", :error ");
        value(s, op.error(), false);
      }
      s.append("}\n");
      out.write(s.toString());
    }
    out.flush();
  }

  private static void keyword(StringBuilder s, String name) {
    if (name.matches("[A-Za-z*+!_?<>=/.-][A-Za-z0-9*+!_?<>=/.:#-]*")) {
      s.append(':').append(name);
    } else {
      value(s, name, false);
    }
  }

  private static void value(StringBuilder s, Object v, boolean txn) {
    if (v == null) {
      s.append("nil");
    } else if (v instanceof String str) {
      s.append('"');
      for (int i = 0; i < str.length(); i++) {
        char c = str.charAt(i);
        switch (c) {
          case '"' -> s.append("\\\"");
          case '\\' -> s.append("\\\\");
          case '\n' -> s.append("\\n");
          case '\t' -> s.append("\\t");
          case '\r' -> s.append("\\r");
          default -> s.append(c);
        }
      }
      s.append('"');
    } else if (v instanceof List<?> list) {
      s.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          s.append(' ');
        }
        Object e = list.get(i);
        if (txn && e instanceof List<?> micro && !micro.isEmpty() && micro.get(0) instanceof String f) {
          s.append('[');
          keyword(s, f);
          for (int j = 1; j < micro.size(); j++) {
            s.append(' ');
            value(s, micro.get(j), false);
          }
          s.append(']');
        } else {
          value(s, e, false);
        }
      }
      s.append(']');
    } else if (v instanceof Map<?, ?> map) {
      s.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          s.append(", ");
        }
        first = false;
        value(s, e.getKey(), false);
        s.append(' ');
        value(s, e.getValue(), false);
      }
      s.append('}');
    } else {
      s.append(v);
    }
  }
}
