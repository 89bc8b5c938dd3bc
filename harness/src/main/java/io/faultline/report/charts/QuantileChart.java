package io.faultline.report.charts;

import io.faultline.report.CompletedOps.Pair;
import io.faultline.report.FaultIntervals.Interval;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Latency quantiles over time: one panel per {@code f}, lines for p50, p95, p99 and max of the ok
 * operations invoked in each time bucket ({@link Buckets#latencyQuantiles}), faults shaded. Lines
 * break across buckets without an ok operation rather than bridge an outage.
 */
public final class QuantileChart {
  private static final String[] NAMES = {"p50", "p95", "p99", "max"};
  private static final Color[] COLORS = {new Color(40, 150, 60), new Color(30, 90, 200), new Color(120, 60, 170),
      new Color(200, 40, 40)};

  private QuantileChart() {}

  public static int height(int panels) {
    return 120 + 170 * Math.max(1, panels);
  }

  /** Draws the chart; returns the number of panels (0: nothing drawn, no ok operation). */
  public static int write(Path png, List<Pair> ops, List<Interval> faults, long bucketNanos) throws IOException {
    ChartStyle.headless();
    Map<String, List<Buckets.Quantiles>> byF = Buckets.latencyQuantiles(ops, bucketNanos);
    if (byF.isEmpty()) {
      return 0;
    }
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("time (s)"));
    boolean first = true;
    for (Map.Entry<String, List<Buckets.Quantiles>> e : byF.entrySet()) {
      XYSeriesCollection data = new XYSeriesCollection();
      XYSeries[] series = new XYSeries[NAMES.length];
      for (int i = 0; i < NAMES.length; i++) {
        series[i] = new XYSeries(e.getKey() + " " + NAMES[i], false, true);
      }
      double mid = bucketNanos / 2e9;
      double previous = Double.NaN;
      for (Buckets.Quantiles q : e.getValue()) {
        double x = q.startSeconds() + mid;
        if (x - previous > bucketNanos / 1e9 * 1.5) {
          for (XYSeries s : series) { // no ok operation in between (an outage): break the lines
            s.add(x - bucketNanos / 1e9, null, false);
          }
        }
        previous = x;
        double[] ys = {q.p50(), q.p95(), q.p99(), q.max()};
        for (int i = 0; i < NAMES.length; i++) {
          series[i].add(x, Math.max(0.01, ys[i]), false);
        }
      }
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
      for (int i = 0; i < NAMES.length; i++) {
        data.addSeries(series[i]);
        r.setSeriesPaint(i, COLORS[i]);
        r.setSeriesStroke(i, new BasicStroke(1.2f));
        r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
      }
      LogarithmicAxis y = new LogarithmicAxis(e.getKey() + " (ms)");
      y.setAllowNegativesFlag(false);
      XYPlot plot = new XYPlot(data, null, y, r);
      ChartStyle.plain(plot);
      ChartStyle.shade(plot, faults, first);
      first = false;
      combined.add(plot, 1);
    }
    JFreeChart chart = new JFreeChart("Latency quantiles of ok operations per " + bucketNanos / 1e9
        + " s bucket, by operation (shaded: faults)", JFreeChart.DEFAULT_TITLE_FONT, combined, true);
    ChartStyle.save(png, chart, height(byF.size()));
    return byF.size();
  }
}
