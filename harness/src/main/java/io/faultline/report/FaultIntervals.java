package io.faultline.report;

import io.faultline.checker.history.Op;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nemesis events of a history as intervals: each fault start ({@code start-partition},
 * {@code kill}, {@code pause}, {@code *-clock}, {@code start-latency}) paired with the next heal of
 * the same kind ({@code stop-partition}, {@code restart}, {@code resume}, {@code reset-clock},
 * {@code stop-latency}), with {@code heal-all} closing everything open, and a fault never healed
 * lasting to the end of the history. Labels name the fault and, when the value says, its nodes or
 * shape.
 */
public final class FaultIntervals {
  private FaultIntervals() {}

  /** A fault on the time axis, in nanoseconds of the history's clock. */
  public record Interval(long startNanos, long endNanos, String kind, String label) {
    public double startSeconds() {
      return startNanos / 1e9;
    }

    public double endSeconds() {
      return endNanos / 1e9;
    }
  }

  public static List<Interval> of(List<Op> history) {
    List<Interval> intervals = new ArrayList<>();
    Map<String, Op> started = new LinkedHashMap<>();
    long end = history.isEmpty() ? 0 : history.get(history.size() - 1).time();
    for (Op op : history) {
      if (!op.isNemesis()) {
        continue;
      }
      String heals = healedKind(op.f());
      if (heals == null) {
        Op previous = started.put(startKey(op), op);
        if (previous != null) { // a second start without a heal: the first lasted until now
          intervals.add(interval(previous, op.time()));
        }
        continue;
      }
      if (heals.equals("all")) {
        for (Op s : started.values()) {
          intervals.add(interval(s, op.time()));
        }
        started.clear();
      } else {
        Op start = started.remove(heals);
        if (start != null) {
          intervals.add(interval(start, op.time()));
        }
      }
    }
    for (Op s : started.values()) {
      intervals.add(interval(s, Math.max(end, s.time())));
    }
    intervals.sort(Comparator.comparingLong(Interval::startNanos));
    return intervals;
  }

  /**
   * Which open fault a start replaces: one per kind, except that each node that crashed on its
   * own (recorded by the harness as {@code node-crashed}) stays down in its own lane until healed.
   */
  private static String startKey(Op start) {
    if (start.f().equals("node-crashed") && start.value() instanceof Map<?, ?> m) {
      return start.f() + " " + m.get("node");
    }
    return kind(start.f());
  }

  private static Interval interval(Op start, long endNanos) {
    return new Interval(start.time(), endNanos, kind(start.f()), label(start));
  }

  /** "kill n1,n4", "start-partition majorities-ring", "bump-clock n2"... */
  static String label(Op start) {
    StringBuilder label = new StringBuilder(start.f());
    Object v = start.value();
    if (v instanceof Map<?, ?> m && m.get("fault") instanceof Map<?, ?> inner) {
      v = inner; // recorded with errors: {"fault": ..., "errors": [...]}
    }
    if (v instanceof Map<?, ?> m) {
      if (m.get("nodes") instanceof List<?> nodes) {
        label.append(' ').append(String.join(",", nodes.stream().map(String::valueOf).toList()));
      } else if (m.get("node") != null) {
        label.append(' ').append(m.get("node"));
      } else if (m.get("shape") != null) {
        label.append(' ').append(m.get("shape"));
      } else if (m.get("latency-ms") != null) {
        label.append(' ').append(m.get("latency-ms")).append("ms");
      }
    }
    return label.toString();
  }

  static String kind(String startF) {
    if (startF.endsWith("-clock")) {
      return "clock";
    }
    return switch (startF) {
      case "start-partition" -> "partition";
      case "kill" -> "kill";
      case "pause" -> "pause";
      case "start-latency" -> "latency";
      case "start-churn", "churn-move" -> "churn";
      default -> startF;
    };
  }

  private static String healedKind(String f) {
    return switch (f) {
      case "stop-partition" -> "partition";
      case "restart" -> "kill";
      case "resume" -> "pause";
      case "reset-clock" -> "clock";
      case "stop-latency" -> "latency";
      case "stop-churn" -> "churn";
      case "heal-all" -> "all";
      default -> null;
    };
  }

  /** One colour per kind, the same in every chart and in the timeline. */
  public static Color color(String kind) {
    return switch (kind) {
      case "partition" -> new Color(255, 140, 0);
      case "kill" -> new Color(220, 40, 40);
      case "pause" -> new Color(140, 60, 200);
      case "clock" -> new Color(30, 120, 220);
      case "latency" -> new Color(200, 170, 0);
      case "churn" -> new Color(200, 40, 140);
      default -> new Color(120, 120, 120);
    };
  }

  /** The colour as CSS {@code rgba(...)} with the given alpha. */
  public static String css(String kind, double alpha) {
    Color c = color(kind);
    return "rgba(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + "," + alpha + ")";
  }
}
