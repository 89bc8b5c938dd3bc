package io.faultline.report;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.linear.CounterexampleHtml;
import io.faultline.run.Judgement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the pictures of failing checkers beside the report and returns their file names: the
 * linearizability counterexample (a {@code failure} in the details) as the checker draws it, and
 * the dependency cycles of transactional anomalies (their {@code svg}) on one page.
 */
final class Counterexamples {
  private Counterexamples() {}

  static List<String> write(Path runDir, Judgement judgement) throws IOException {
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, CheckResult> e : judgement.results().entrySet()) {
      CheckResult r = e.getValue();
      if (r.verdict() != Verdict.INVALID) {
        continue;
      }
      String safe = e.getKey().replaceAll("[^A-Za-z0-9_.-]", "_");
      if (r.details().get("failure") instanceof Map<?, ?>) {
        String name = "counterexample-" + safe + ".html";
        Files.writeString(runDir.resolve(name), Html.fixSelfClosing(CounterexampleHtml.render(r)), StandardCharsets.UTF_8);
        files.add(name);
      }
      String cycles = cyclePage(e.getKey(), r);
      if (cycles != null) {
        String name = "cycles-" + safe + ".html";
        Files.writeString(runDir.resolve(name), cycles, StandardCharsets.UTF_8);
        files.add(name);
      }
    }
    return files;
  }

  /** A page with every anomaly's explanation and cycle drawing, or null when there are none. */
  private static String cyclePage(String checker, CheckResult r) {
    StringBuilder body = new StringBuilder();
    collect(r.details(), body, 0);
    if (body.length() == 0) {
      return null;
    }
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + Html.esc(checker) + "</title>"
        + Html.STYLE + "</head><body><h1>" + Html.esc(checker) + ": anomalies</h1>" + body + "</body></html>\n";
  }

  /** Finds maps with an {@code svg} drawing anywhere in the details (the SVG is the checker's, already escaped). */
  private static void collect(Object node, StringBuilder out, int depth) {
    if (depth > 6) {
      return;
    }
    if (node instanceof Map<?, ?> m) {
      if (m.get("svg") instanceof String svg && svg.startsWith("<svg")) {
        Object what = m.containsKey("type") ? m.get("type") : "cycle";
        out.append("<h2>").append(Html.esc(what)).append("</h2>");
        if (m.get("explanation") != null) {
          out.append("<pre>").append(Html.esc(ReportWriter.pretty(m.get("explanation")))).append("</pre>");
        }
        out.append(svg);
      }
      for (Object v : m.values()) {
        collect(v, out, depth + 1);
      }
    } else if (node instanceof List<?> l) {
      for (Object v : l) {
        collect(v, out, depth + 1);
      }
    }
  }
}
