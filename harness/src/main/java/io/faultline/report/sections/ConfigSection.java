package io.faultline.report.sections;

import static io.faultline.report.Html.esc;

import io.faultline.report.ReportWriter;
import io.faultline.report.RunReport;
import java.util.List;
import java.util.Map;

/** The full configuration (test.json) and the run's files. */
public final class ConfigSection {
  private ConfigSection() {}

  public static void append(StringBuilder h, RunReport r, List<String> pages) {
    h.append("<h2 id=\"config\">Configuration</h2><table>");
    for (Map.Entry<String, Object> e : r.testJson().entrySet()) {
      Object v = e.getValue();
      h.append("<tr><th>").append(esc(e.getKey())).append("</th><td class=v>")
          .append(esc(v instanceof String s ? s : ReportWriter.compact(v))).append("</td></tr>");
    }
    h.append("</table><h2 id=\"files\">Files</h2><ul>");
    file(h, "history.jsonl", "the history, one operation per line");
    file(h, "results.json", "every checker's verdict and findings");
    file(h, "test.json", "the configuration");
    file(h, ReportWriter.TIMELINE_HTML, "every operation on a zoomable timeline");
    file(h, ReportWriter.NODE_STATUS, "the nodes' sampled status");
    for (String page : pages) {
      file(h, page, "the checker's full counterexample page");
    }
    file(h, "nodes/", "each node's log and data");
    h.append("</ul>");
  }

  private static void file(StringBuilder h, String name, String what) {
    h.append("<li><a href=\"").append(esc(name)).append("\">").append(esc(name)).append("</a> — ").append(esc(what))
        .append("</li>");
  }
}
