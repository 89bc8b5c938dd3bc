package io.faultline.report.sections;

import static io.faultline.report.Html.esc;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.report.CompletedOps.Pair;
import io.faultline.report.ReportWriter;
import io.faultline.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The top of a run's page: title, coloured verdict, what ran, how to repeat it, each checker's result. */
public final class HeaderSection {
  private HeaderSection() {}

  public static void append(StringBuilder h, RunReport r) {
    Verdict v = r.judgement().verdict();
    h.append("<h1>").append(esc(r.title())).append("</h1>");
    h.append("<div class=\"verdict ").append(css(v)).append("\" id=\"verdict\">").append(esc(label(v))).append("</div>");
    Map<String, Object> t = r.testJson();
    long ok = 0;
    long fail = 0;
    long info = 0;
    for (Pair p : r.ops()) {
      switch (p.outcome()) {
        case OK -> ok++;
        case FAIL -> fail++;
        case INFO -> info++;
        case INVOKE -> { }
      }
    }
    h.append("<p class=muted>system <b>").append(esc(t.getOrDefault("system", "?"))).append("</b> · workload <b>")
        .append(esc(t.getOrDefault("workload", "?"))).append("</b> · nemesis <b>").append(esc(t.getOrDefault("nemesis", "none")))
        .append("</b> · nodes ").append(esc(t.getOrDefault("nodes", "?"))).append(" · seed <b>")
        .append(esc(t.getOrDefault("seed", "?"))).append("</b> · ").append(String.format(Locale.ROOT, "%.1f", r.endNanos() / 1e9))
        .append(" s · ").append(r.ops().size()).append(" operations: ").append(ok).append(" ok, ").append(fail)
        .append(" fail, ").append(info).append(" info</p>");
    if (r.positionalTime()) {
      h.append("<p class=muted>This history records no times: charts and the timeline place its events by "
          + "position, one event per millisecond.</p>");
    }
    h.append("<p>Repeat this run: <code id=\"repeat\">").append(esc(t.getOrDefault("command", "(not recorded)")))
        .append("</code></p>");
    h.append("<nav><a href=\"#evidence\">evidence</a><a href=\"#charts\">charts</a><a href=\"#roles\">node roles</a>"
        + "<a href=\"#faults\">faults</a><a href=\"#config\">configuration</a><a href=\"").append(ReportWriter.TIMELINE_HTML)
        .append("\">operation timeline</a><a href=\"../../index.html\">all runs</a></nav>");
    h.append("<h2 id=\"checkers\">Checkers</h2><table><tr><th>checker</th><th>verdict</th><th>summary</th></tr>");
    for (Map.Entry<String, CheckResult> e : r.judgement().results().entrySet()) {
      CheckResult c = e.getValue();
      h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"").append(css(c.verdict())).append("\">")
          .append(esc(c.verdict().toJson())).append("</td><td class=v>").append(esc(summary(c.details())))
          .append("<details><summary>all findings</summary><pre>").append(esc(ReportWriter.pretty(c.details())))
          .append("</pre></details></td></tr>");
    }
    h.append("</table>");
  }

  /** The scalar findings and anomaly types, one line. */
  static String summary(Map<String, Object> details) {
    List<String> parts = new ArrayList<>();
    if (details.get("failure") instanceof Map<?, ?> f && f.get("explanation") != null) {
      parts.add(String.valueOf(f.get("explanation")));
    }
    for (Map.Entry<String, Object> e : details.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Number || v instanceof String || v instanceof Boolean
          || e.getKey().equals("anomaly-types") || e.getKey().equals("not")) {
        parts.add(e.getKey() + ": " + (v instanceof String ? v : ReportWriter.compact(v)));
      }
      if (parts.size() >= 8) {
        break;
      }
    }
    return String.join(" · ", parts);
  }

  public static String label(Verdict v) {
    return switch (v) {
      case VALID -> "VALID — no anomaly found";
      case INVALID -> "INVALID — an anomaly was found";
      case UNKNOWN -> "UNKNOWN — a checker could not decide";
    };
  }

  public static String css(Verdict v) {
    return v.name().toLowerCase(Locale.ROOT);
  }
}
