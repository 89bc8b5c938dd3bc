package io.faultline.report;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The latency of every operation over time (x: seconds since the start, y: milliseconds, log
 * scale), one series per {@code f} and outcome, with nemesis fault intervals shaded.
 */
public final class LatencyChart {
  private LatencyChart() {}

  /** A fault interval on the time axis, in seconds. */
  public record Interval(double startSeconds, double endSeconds, String label) {}

  public static void write(Path png, List<Op> history) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Map<String, XYSeries> series = new TreeMap<>();
    Map<Integer, Op> open = new HashMap<>();
    for (Op op : history) {
      if (op.isNemesis()) {
        continue;
      }
      if (op.type() == OpType.INVOKE) {
        open.put(op.process(), op);
        continue;
      }
      Op invoke = open.remove(op.process());
      if (invoke == null) {
        continue;
      }
      String name = invoke.f() + " " + op.type().wireName();
      double latencyMs = Math.max(0.01, (op.time() - invoke.time()) / 1e6);
      series.computeIfAbsent(name, n -> new XYSeries(n, false, true)).add(invoke.time() / 1e9, latencyMs);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    series.values().forEach(data::addSeries);
    NumberAxis x = new NumberAxis("time (s)");
    NumberAxis y = new LogarithmicAxis("latency (ms)");
    ((LogarithmicAxis) y).setAllowNegativesFlag(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesShape(i, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
      renderer.setSeriesPaint(i, color(data.getSeriesKey(i).toString(), i));
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    for (Interval interval : faultIntervals(history)) {
      IntervalMarker marker = new IntervalMarker(interval.startSeconds(), interval.endSeconds());
      marker.setPaint(new Color(255, 140, 0, 50));
      marker.setOutlinePaint(new Color(255, 140, 0, 120));
      marker.setOutlineStroke(new BasicStroke(0.5f));
      marker.setLabel(interval.label());
      plot.addDomainMarker(marker, Layer.BACKGROUND);
    }
    JFreeChart chart = new JFreeChart("Latency of every operation (shaded: faults)", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 500);
  }

  private static Color color(String name, int i) {
    if (name.endsWith(" fail")) {
      return new Color(200, 40, 40);
    }
    if (name.endsWith(" info")) {
      return new Color(230, 160, 0);
    }
    Color[] ok = {new Color(30, 90, 200), new Color(40, 150, 60), new Color(120, 60, 170), new Color(0, 150, 150)};
    return ok[Math.floorMod(name.hashCode(), ok.length)];
  }

  /** Pairs each fault start with the next heal of the same kind (or the end of the history). */
  public static List<Interval> faultIntervals(List<Op> history) {
    List<Interval> intervals = new ArrayList<>();
    Map<String, Op> started = new HashMap<>();
    double end = history.isEmpty() ? 0 : history.get(history.size() - 1).time() / 1e9;
    for (Op op : history) {
      if (!op.isNemesis()) {
        continue;
      }
      String heals = healedKind(op.f());
      if (heals != null) {
        Op start = started.remove(heals);
        if (start != null) {
          intervals.add(new Interval(start.time() / 1e9, op.time() / 1e9, start.f()));
        }
        if (op.f().equals("heal-all")) {
          for (Op s : started.values()) {
            intervals.add(new Interval(s.time() / 1e9, op.time() / 1e9, s.f()));
          }
          started.clear();
        }
      } else {
        started.put(kind(op.f()), op);
      }
    }
    for (Op s : started.values()) {
      intervals.add(new Interval(s.time() / 1e9, end, s.f()));
    }
    return intervals;
  }

  private static String kind(String startF) {
    if (startF.endsWith("-clock")) {
      return "clock";
    }
    return switch (startF) {
      case "start-partition" -> "partition";
      case "kill" -> "kill";
      case "pause" -> "pause";
      case "start-latency" -> "latency";
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
      case "heal-all" -> "all";
      default -> null;
    };
  }
}
