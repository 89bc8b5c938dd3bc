package io.faultline.report.sections;

import static io.faultline.report.Html.esc;

import io.faultline.report.ReportWriter;
import io.faultline.report.RunReport;
import java.util.Map;

/** The chart PNGs with what each shows; a chart that could not be drawn says why in its place. */
public final class ChartsSection {
  private static final Map<String, String> CAPTIONS = Map.of(
      ReportWriter.LATENCY_PNG, "Latency of every operation (by operation and outcome)",
      ReportWriter.QUANTILES_PNG, "Latency quantiles over time (p50, p95, p99, max of ok operations)",
      ReportWriter.THROUGHPUT_PNG, "Throughput over time (ok, fail, info completions per second)");

  private ChartsSection() {}

  public static void append(StringBuilder h, RunReport r) {
    h.append("<h2 id=\"charts\">Charts</h2><p class=muted>Shaded: fault intervals, labelled with the fault and its "
        + "targets. Per-operation detail: <a href=\"").append(ReportWriter.TIMELINE_HTML)
        .append("\">the operation timeline</a>.</p>");
    for (Map.Entry<String, String> chart : r.charts().entrySet()) {
      String caption = CAPTIONS.getOrDefault(chart.getKey(), chart.getKey());
      h.append("<h3>").append(esc(caption)).append("</h3>");
      if (chart.getValue() == null) {
        h.append("<p><img class=\"chart\" src=\"").append(esc(chart.getKey())).append("\" alt=\"").append(esc(caption))
            .append("\"></p>");
      } else {
        h.append("<p class=muted>Not drawn: ").append(esc(chart.getValue())).append("</p>");
      }
    }
  }
}
