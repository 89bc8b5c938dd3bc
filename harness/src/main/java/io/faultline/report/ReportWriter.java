package io.faultline.report;

import static io.faultline.report.Html.esc;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.Op;
import io.faultline.run.Judgement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a run's {@code index.html} (verdict first, then the command to repeat it, the
 * configuration, each checker's findings, the latency chart with faults shaded and the nemesis
 * events) and the runs index {@code results/index.html}. Every value is HTML-escaped.
 */
public final class ReportWriter {
  private ReportWriter() {}

  public static void write(Path runDir, Map<String, Object> testJson, Judgement judgement, List<Op> history)
      throws IOException {
    String chartNote = "";
    try {
      LatencyChart.write(runDir.resolve("latency.png"), history);
    } catch (IOException | RuntimeException | LinkageError e) {
      chartNote = "<p>The latency chart could not be drawn: " + esc(e) + "</p>";
    }
    List<String> extraFiles = Counterexamples.write(runDir, judgement, history);
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
        .append(esc(testJson.get("test-name"))).append("</title>").append(Html.STYLE).append("</head><body>");
    h.append("<h1>").append(esc(testJson.get("test-name"))).append("</h1>");
    h.append("<p><span class=\"verdict ").append(cssClass(judgement.verdict())).append("\">")
        .append(esc(label(judgement.verdict()))).append("</span></p>");
    h.append("<p>Repeat this run: <code>").append(esc(testJson.get("command"))).append("</code></p>");
    h.append("<h2>Checkers</h2><table><tr><th>checker</th><th>valid</th><th>findings</th></tr>");
    for (Map.Entry<String, CheckResult> e : judgement.results().entrySet()) {
      h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"")
          .append(cssClass(e.getValue().verdict())).append("\">").append(esc(e.getValue().verdict().toJson()))
          .append("</td><td><pre>").append(esc(pretty(e.getValue().details()))).append("</pre></td></tr>");
    }
    h.append("</table>");
    for (String file : extraFiles) {
      h.append("<p>Counterexample: <a href=\"").append(esc(file)).append("\">").append(esc(file)).append("</a></p>");
      h.append("<iframe src=\"").append(esc(file)).append("\" style=\"width:100%;height:32em;border:1px solid #ccc\"></iframe>");
    }
    h.append("<h2>Latency</h2>").append(chartNote);
    if (chartNote.isEmpty()) {
      h.append("<p><img src=\"latency.png\" alt=\"latency of every operation over time\"></p>");
    }
    h.append("<h2>Faults</h2><table><tr><th>time (s)</th><th>event</th><th>value</th></tr>");
    for (Op op : history) {
      if (op.isNemesis()) {
        h.append("<tr><td>").append(String.format("%.2f", op.time() / 1e9)).append("</td><td>").append(esc(op.f()))
            .append("</td><td><code>").append(esc(compact(op.value()))).append("</code></td></tr>");
      }
    }
    h.append("</table>");
    h.append("<h2>Configuration</h2><table>");
    for (Map.Entry<String, Object> e : testJson.entrySet()) {
      h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(compact(e.getValue())))
          .append("</td></tr>");
    }
    h.append("</table>");
    h.append("<p>Files: <a href=\"history.jsonl\">history.jsonl</a> · <a href=\"results.json\">results.json</a> · "
        + "<a href=\"test.json\">test.json</a> · <a href=\"nodes/\">node logs</a> · <a href=\"../../index.html\">all runs</a></p>");
    h.append("</body></html>\n");
    Files.writeString(runDir.resolve("index.html"), h, StandardCharsets.UTF_8);
  }

  /** Rewrites {@code <root>/index.html}: every run under the root, newest first. */
  public static void writeRunsIndex(Path root) throws IOException {
    List<Path> runs = new ArrayList<>();
    try (Stream<Path> tests = Files.list(root)) {
      for (Path test : tests.filter(Files::isDirectory).filter(p -> !Files.isSymbolicLink(p)).toList()) {
        try (Stream<Path> rs = Files.list(test)) {
          rs.filter(r -> Files.isRegularFile(r.resolve("results.json"))).forEach(runs::add);
        }
      }
    }
    runs.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
    StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Faultline runs</title>")
        .append(Html.STYLE).append("</head><body><h1>Faultline runs</h1><table><tr><th>run</th><th>test</th><th>valid</th></tr>");
    for (Path run : runs) {
      String valid;
      try {
        valid = String.valueOf(JsonValues.mapper().readValue(run.resolve("results.json").toFile(), Map.class).get("valid"));
      } catch (IOException e) {
        valid = "unreadable";
      }
      String css = switch (valid) {
        case "true" -> "valid";
        case "false" -> "invalid";
        default -> "unknown";
      };
      String rel = root.relativize(run).toString();
      h.append("<tr><td><a href=\"").append(esc(rel)).append("/index.html\">").append(esc(run.getFileName()))
          .append("</a></td><td>").append(esc(run.getParent().getFileName())).append("</td><td class=\"").append(css)
          .append("\">").append(esc(valid)).append("</td></tr>");
    }
    h.append("</table></body></html>\n");
    Files.writeString(root.resolve("index.html"), h, StandardCharsets.UTF_8);
  }

  private static String label(Verdict v) {
    return switch (v) {
      case VALID -> "VALID — no anomaly found";
      case INVALID -> "INVALID — an anomaly was found";
      case UNKNOWN -> "UNKNOWN — a checker could not decide";
    };
  }

  private static String cssClass(Verdict v) {
    return v.name().toLowerCase(java.util.Locale.ROOT);
  }

  static String pretty(Object value) {
    try {
      return JsonValues.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (IOException e) {
      return String.valueOf(value);
    }
  }

  static String compact(Object value) {
    try {
      return JsonValues.mapper().writeValueAsString(value);
    } catch (IOException e) {
      return String.valueOf(value);
    }
  }
}
