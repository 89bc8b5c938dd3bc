package io.faultline.report.charts;

import io.faultline.report.CompletedOps.Pair;
import io.faultline.report.FaultIntervals.Interval;
import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Throughput over time: one panel per {@code f}, completions per second split into ok, fail and
 * info ({@link Buckets#throughput}), faults shaded.
 */
public final class ThroughputChart {
  private static final String[] OUTCOMES = {"ok", "fail", "info"};

  private ThroughputChart() {}

  /** Draws the chart; returns the number of panels (0: nothing drawn, no completion). */
  public static int write(Path png, List<Pair> ops, List<Interval> faults, long bucketNanos) throws IOException {
    ChartStyle.headless();
    Map<String, List<Buckets.Rate>> byF = Buckets.throughput(ops, bucketNanos);
    if (byF.isEmpty()) {
      return 0;
    }
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("time (s)"));
    int fIndex = 0;
    for (Map.Entry<String, List<Buckets.Rate>> e : byF.entrySet()) {
      XYSeries[] series = new XYSeries[OUTCOMES.length];
      for (int i = 0; i < OUTCOMES.length; i++) {
        series[i] = new XYSeries(e.getKey() + " " + OUTCOMES[i], false, true);
      }
      double mid = bucketNanos / 2e9;
      for (Buckets.Rate r : e.getValue()) {
        double x = r.startSeconds() + mid;
        series[0].add(x, r.ok(), false);
        series[1].add(x, r.fail(), false);
        series[2].add(x, r.info(), false);
      }
      XYSeriesCollection data = new XYSeriesCollection();
      XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
      for (int i = 0; i < OUTCOMES.length; i++) {
        data.addSeries(series[i]);
        renderer.setSeriesPaint(i, ChartStyle.outcome(OUTCOMES[i], fIndex));
        renderer.setSeriesStroke(i, new BasicStroke(1.3f));
      }
      XYPlot plot = new XYPlot(data, null, new NumberAxis(e.getKey() + " (ops/s)"), renderer);
      ChartStyle.plain(plot);
      ChartStyle.shade(plot, faults, fIndex == 0);
      combined.add(plot, 1);
      fIndex++;
    }
    JFreeChart chart = new JFreeChart("Throughput: completions per second (" + bucketNanos / 1e9
        + " s buckets) by operation and outcome (shaded: faults)", JFreeChart.DEFAULT_TITLE_FONT, combined, true);
    ChartStyle.save(png, chart, QuantileChart.height(byF.size()));
    return byF.size();
  }
}
