package io.faultline.report.charts;

import io.faultline.report.FaultIntervals;
import io.faultline.report.FaultIntervals.Interval;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/** What every report chart shares: white plots, fault intervals shaded and labelled, PNG size. */
public final class ChartStyle {
  public static final int WIDTH = 1100;
  private static final List<String> LABEL_ROWS = List.of("partition", "kill", "pause", "clock", "latency", "churn");
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

  private ChartStyle() {}

  static void plain(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
  }

  /**
   * Shades each fault interval in its kind's colour; with {@code labels}, writes its label at the
   * top, one row per kind so overlapping faults of different kinds stay readable.
   */
  static void shade(XYPlot plot, List<Interval> faults, boolean labels) {
    for (Interval f : faults) {
      Color c = FaultIntervals.color(f.kind());
      IntervalMarker m = new IntervalMarker(f.startSeconds(), Math.max(f.endSeconds(), f.startSeconds() + 1e-3));
      m.setPaint(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40));
      m.setOutlinePaint(new Color(c.getRed(), c.getGreen(), c.getBlue(), 140));
      m.setOutlineStroke(new BasicStroke(0.6f));
      if (labels) {
        int row = Math.max(0, LABEL_ROWS.indexOf(f.kind()));
        m.setLabel(f.label());
        m.setLabelFont(LABEL_FONT);
        m.setLabelPaint(c.darker());
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        m.setLabelOffset(new RectangleInsets(2 + 11 * row, 2, 0, 0));
      }
      plot.addDomainMarker(m, Layer.BACKGROUND);
    }
  }

  static void save(Path png, JFreeChart chart, int height) throws IOException {
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, height);
  }

  /** Colour of an outcome: ok in the operation's colour, fail red, info amber. */
  static Color outcome(String outcome, int fIndex) {
    return switch (outcome) {
      case "fail" -> new Color(200, 40, 40);
      case "info" -> new Color(230, 150, 0);
      default -> operation(fIndex);
    };
  }

  static Color operation(int fIndex) {
    Color[] palette = {new Color(30, 90, 200), new Color(40, 150, 60), new Color(120, 60, 170),
        new Color(0, 150, 150), new Color(90, 90, 90)};
    return palette[Math.floorMod(fIndex, palette.length)];
  }

  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }
}
