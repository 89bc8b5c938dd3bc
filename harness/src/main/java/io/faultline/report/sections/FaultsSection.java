package io.faultline.report.sections;

import static io.faultline.report.Html.esc;

import io.faultline.checker.history.Op;
import io.faultline.report.FaultIntervals;
import io.faultline.report.FaultIntervals.Interval;
import io.faultline.report.ReportWriter;
import io.faultline.report.RunReport;
import java.util.Locale;

/** The faults as intervals (start, end, what), then every nemesis event with its recorded value. */
public final class FaultsSection {
  private FaultsSection() {}

  public static void append(StringBuilder h, RunReport r) {
    h.append("<h2 id=\"faults\">Faults</h2>");
    if (r.faults().isEmpty()) {
      h.append("<p class=muted>No fault was injected.</p>");
    } else {
      h.append("<table><tr><th>from (s)</th><th>to (s)</th><th>lasted (s)</th><th>fault</th></tr>");
      for (Interval f : r.faults()) {
        h.append(String.format(Locale.ROOT, "<tr><td>%.2f</td><td>%.2f</td><td>%.2f</td>", f.startSeconds(),
            f.endSeconds(), f.endSeconds() - f.startSeconds()))
            .append("<td><span class=sw style=\"margin-left:0;background:").append(FaultIntervals.css(f.kind(), 0.5))
            .append("\"></span>").append(esc(f.label())).append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("<details><summary>Every nemesis event</summary><table><tr><th>index</th><th>time (s)</th><th>event</th>"
        + "<th>value</th></tr>");
    for (Op op : r.history()) {
      if (op.isNemesis()) {
        h.append("<tr><td>").append(op.index()).append("</td><td>").append(String.format(Locale.ROOT, "%.3f", op.time() / 1e9))
            .append("</td><td>").append(esc(op.f())).append("</td><td class=v><code>")
            .append(esc(ReportWriter.compact(op.value()))).append("</code></td></tr>");
      }
    }
    h.append("</table></details>");
  }
}
