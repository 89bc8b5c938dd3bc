package io.faultline.report;

import io.faultline.checker.history.Op;
import io.faultline.report.CompletedOps.Pair;
import io.faultline.report.FaultIntervals.Interval;
import io.faultline.report.charts.Buckets;
import io.faultline.report.charts.LatencyChart;
import io.faultline.report.charts.QuantileChart;
import io.faultline.report.charts.ThroughputChart;
import io.faultline.report.sections.ChartsSection;
import io.faultline.report.sections.ConfigSection;
import io.faultline.report.sections.EvidenceSection;
import io.faultline.report.sections.FaultsSection;
import io.faultline.report.sections.HeaderSection;
import io.faultline.report.sections.RolesSection;
import io.faultline.run.Judgement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's report into its folder: {@code index.html} (verdict, repeat command, checkers;
 * for a failure the evidence first, then charts, node roles, faults, configuration, files), the
 * chart PNGs beside it, {@code timeline.html}, and the counterexample pages. Reads the nodes'
 * status samples from {@code node-status.jsonl} in the folder when the run wrote one. A chart
 * that cannot be drawn is reported in its place; it never stops the report.
 */
public final class ReportWriter {
  public static final String LATENCY_PNG = "latency.png";
  public static final String QUANTILES_PNG = "latency-quantiles.png";
  public static final String THROUGHPUT_PNG = "throughput.png";
  public static final String TIMELINE_HTML = "timeline.html";
  public static final String NODE_STATUS = "node-status.jsonl";

  /** About this many time buckets per chart: enough ops per bucket for a p99 at ordinary rates. */
  static final int QUANTILE_BUCKETS = 40;
  static final int THROUGHPUT_BUCKETS = 120;

  private ReportWriter() {}

  public static void write(Path runDir, Map<String, Object> testJson, Judgement judgement, List<Op> recorded)
      throws IOException {
    boolean positional = Timestamps.missing(recorded);
    List<Op> history = positional ? Timestamps.byPosition(recorded) : recorded;
    List<Pair> ops = CompletedOps.pair(history);
    List<Interval> faults = FaultIntervals.of(history);
    RunReport report = new RunReport(testJson, judgement, history, positional, ops, faults,
        NodeRoles.read(runDir.resolve(NODE_STATUS)), drawCharts(runDir, history, ops, faults));
    TimelineHtml.write(runDir.resolve(TIMELINE_HTML), report.title(), ops, faults, report.concurrency());
    List<String> pages = Counterexamples.write(runDir, judgement);
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(Html.esc(report.title()))
        .append("</title>").append(Html.STYLE).append("</head><body>");
    HeaderSection.append(h, report);
    EvidenceSection.append(h, report, pages);
    ChartsSection.append(h, report);
    RolesSection.append(h, report);
    FaultsSection.append(h, report);
    ConfigSection.append(h, report, pages);
    h.append("</body></html>\n");
    Files.writeString(runDir.resolve("index.html"), h, StandardCharsets.UTF_8);
  }

  /** Draws the three charts; returns file → null when drawn, or the reason it is missing. */
  private static Map<String, String> drawCharts(Path runDir, List<Op> history, List<Pair> ops, List<Interval> faults) {
    long span = history.isEmpty() ? 0 : history.get(history.size() - 1).time();
    Map<String, String> charts = new LinkedHashMap<>();
    charts.put(LATENCY_PNG, draw(() -> {
      LatencyChart.write(runDir.resolve(LATENCY_PNG), ops, faults);
      return true;
    }));
    charts.put(QUANTILES_PNG, draw(() -> QuantileChart.write(runDir.resolve(QUANTILES_PNG), ops, faults,
        Buckets.width(span, QUANTILE_BUCKETS, 1_000_000L)) > 0));
    charts.put(THROUGHPUT_PNG, draw(() -> ThroughputChart.write(runDir.resolve(THROUGHPUT_PNG), ops, faults,
        Buckets.width(span, THROUGHPUT_BUCKETS, 1_000_000L)) > 0));
    return charts;
  }

  private interface Drawing {
    boolean draw() throws IOException;
  }

  private static String draw(Drawing drawing) {
    try {
      return drawing.draw() ? null : "no completed operation to draw";
    } catch (IOException | RuntimeException | LinkageError e) {
      return "could not be drawn: " + e;
    }
  }

  /** Rewrites {@code <root>/index.html}: every run under the root, newest first. */
  public static void writeRunsIndex(Path root) throws IOException {
    RunsIndex.write(root);
  }

  public static String pretty(Object value) {
    try {
      return io.faultline.checker.history.JsonValues.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (IOException e) {
      return String.valueOf(value);
    }
  }

  /** One-line JSON of a value (for tables). */
  public static String compact(Object value) {
    try {
      return io.faultline.checker.history.JsonValues.mapper().writeValueAsString(value);
    } catch (IOException e) {
      return String.valueOf(value);
    }
  }
}
