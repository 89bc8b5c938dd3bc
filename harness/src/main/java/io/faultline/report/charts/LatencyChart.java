package io.faultline.report.charts;

import io.faultline.report.CompletedOps.Pair;
import io.faultline.report.FaultIntervals.Interval;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The latency of every completed operation over time (x: invocation, seconds since the start; y:
 * milliseconds, log scale), one series per {@code f} and outcome ok/fail/info, faults shaded and
 * labelled. Dots, not shapes, so 100,000 operations draw in well under a second.
 */
public final class LatencyChart {
  public static final int HEIGHT = 480;

  private LatencyChart() {}

  public static void write(Path png, List<Pair> ops, List<Interval> faults) throws IOException {
    ChartStyle.headless();
    Map<String, List<double[]>> points = new TreeMap<>();
    TreeSet<String> fs = new TreeSet<>();
    for (Pair p : ops) {
      if (p.complete() == null) {
        continue;
      }
      fs.add(p.invoke().f());
      points.computeIfAbsent(p.invoke().f() + " " + p.outcome().wireName(), k -> new ArrayList<>())
          .add(new double[] {p.invoke().time() / 1e9, Math.max(0.01, p.latencyNanos() / 1e6)});
    }
    DefaultXYDataset data = new DefaultXYDataset();
    XYDotRenderer renderer = new XYDotRenderer();
    renderer.setDotWidth(3);
    renderer.setDotHeight(3);
    List<String> fList = new ArrayList<>(fs);
    int i = 0;
    for (Map.Entry<String, List<double[]>> e : points.entrySet()) {
      List<double[]> pts = e.getValue();
      double[][] xy = new double[2][pts.size()];
      for (int k = 0; k < pts.size(); k++) {
        xy[0][k] = pts.get(k)[0];
        xy[1][k] = pts.get(k)[1];
      }
      data.addSeries(e.getKey(), xy);
      String[] fAndOutcome = e.getKey().split(" ");
      renderer.setSeriesPaint(i++, ChartStyle.outcome(fAndOutcome[1], fList.indexOf(fAndOutcome[0])));
    }
    LogarithmicAxis y = new LogarithmicAxis("latency (ms, log)");
    y.setAllowNegativesFlag(false);
    XYPlot plot = new XYPlot(data, new NumberAxis("time (s)"), y, renderer);
    ChartStyle.plain(plot);
    ChartStyle.shade(plot, faults, true);
    JFreeChart chart = new JFreeChart("Latency of every operation, by operation and outcome (shaded: faults)",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    ChartStyle.save(png, chart, HEIGHT);
  }
}
