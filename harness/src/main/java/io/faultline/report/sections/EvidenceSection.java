package io.faultline.report.sections;

import static io.faultline.report.Html.esc;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.linear.CounterexampleHtml;
import io.faultline.report.Html;
import io.faultline.report.ReportWriter;
import io.faultline.report.RunReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For a failing run, the evidence before anything else: per invalid checker, the linearizability
 * counterexample drawn on process lanes (the checker's own drawing) or the anomaly cycles with
 * their plain-words explanations, each followed by the surrounding history. For an undecided
 * checker, why it could not decide.
 */
public final class EvidenceSection {
  /** Anomalies drawn inline per checker; the rest are on the checker's cycles page. */
  static final int MAX_INLINE_ANOMALIES = 4;

  private EvidenceSection() {}

  public static void append(StringBuilder h, RunReport r, List<String> pages) {
    h.append("<h2 id=\"evidence\">Evidence</h2>");
    if (r.judgement().verdict() == Verdict.VALID) {
      h.append("<p>No checker found an anomaly.</p>");
      return;
    }
    for (Map.Entry<String, CheckResult> e : r.judgement().results().entrySet()) {
      CheckResult c = e.getValue();
      String name = e.getKey();
      if (c.verdict() == Verdict.UNKNOWN) {
        h.append("<h3>").append(esc(name)).append(": could not decide</h3><pre>")
            .append(esc(ReportWriter.pretty(c.details()))).append("</pre>");
      } else if (c.verdict() == Verdict.INVALID) {
        if (c.details().get("failure") instanceof Map<?, ?> failure) {
          counterexample(h, r, name, failure);
        }
        List<Anomaly> anomalies = new ArrayList<>();
        collectAnomalies(c.details(), "anomaly", anomalies, 0);
        List<Anomaly> shown = pick(anomalies, MAX_INLINE_ANOMALIES);
        for (Anomaly a : shown) {
          anomaly(h, r, name, a);
        }
        if (anomalies.size() > shown.size()) {
          h.append("<p>").append(anomalies.size() - shown.size())
              .append(" more anomalies in the checker's findings above").append(pages.isEmpty() ? "" : " and on its page")
              .append(".</p>");
        }
        if (!(c.details().get("failure") instanceof Map<?, ?>) && anomalies.isEmpty()) {
          h.append("<h3>").append(esc(name)).append(": invalid</h3><pre>")
              .append(esc(ReportWriter.pretty(c.details()))).append("</pre>");
        }
      }
    }
    for (String page : pages) {
      h.append("<p>Full page: <a href=\"").append(esc(page)).append("\">").append(esc(page)).append("</a></p>");
    }
  }

  private static void counterexample(StringBuilder h, RunReport r, String checker, Map<?, ?> failure) {
    h.append("<h3>").append(esc(checker)).append(": not linearizable")
        .append(failure.get("key") == null ? "" : " (key " + esc(ReportWriter.compact(failure.get("key"))) + ")")
        .append("</h3><p>").append(esc(failure.get("explanation"))).append("</p>");
    String page = Html.fixSelfClosing(CounterexampleHtml.render(failure));
    int from = page.indexOf("<svg");
    int to = page.lastIndexOf("</svg>");
    if (from >= 0 && to > from) {
      // The checker's drawing: operations on process lanes in history (real-time) order; it escapes every value.
      h.append("<div class=\"cx\" id=\"counterexample\">").append(page, from, to + 6).append("</div>")
          .append("<div class=legend><span class=sw style=\"background:#ffd8d3\"></span>could not be linearised"
              + "<span class=sw style=\"background:#fff1c2\"></span>pending candidate"
              + "<span class=sw style=\"background:#dafbe1\"></span>in the longest linearisable prefix"
              + "<span class=sw style=\"background:#eef1f4\"></span>other · dashed: unknown outcome (info)</div>");
    }
    Set<Integer> positions = new HashSet<>();
    Set<Integer> blocked = new HashSet<>();
    if (failure.get("region") instanceof List<?> region) {
      for (Object o : region) {
        if (o instanceof Map<?, ?> op) {
          for (String k : List.of("invoke-position", "complete-position")) {
            if (op.get(k) instanceof Number n && n.longValue() < Integer.MAX_VALUE) {
              positions.add(n.intValue());
              if ("blocked".equals(op.get("role"))) {
                blocked.add(n.intValue());
              }
            }
          }
        }
      }
    }
    HistoryWindow.append(h, r, positions, blocked, failure.get("key"));
  }

  /** One anomaly found in a checker's details, with its type (its own, or the key it was listed under). */
  record Anomaly(String type, Map<?, ?> details) {}

  private static void anomaly(StringBuilder h, RunReport r, String checker, Anomaly anomaly) {
    Map<?, ?> a = anomaly.details();
    h.append("<h3>").append(esc(checker)).append(": ").append(esc(anomaly.type())).append("</h3>");
    Object explanation = a.get("explanation");
    if (explanation instanceof List<?> lines) {
      h.append("<ul class=\"explanation\">");
      for (Object line : lines) {
        h.append("<li>").append(esc(line)).append("</li>");
      }
      h.append("</ul>");
    } else if (explanation != null) {
      h.append("<p class=\"explanation\">").append(esc(explanation instanceof String str ? str
          : ReportWriter.compact(explanation))).append("</p>");
    }
    if (a.get("svg") instanceof String svg && svg.startsWith("<svg")) {
      h.append("<div class=\"cycle\">").append(Html.fixSelfClosing(svg)).append("</div>"); // drawn and escaped by the checker
    }
    Set<Integer> positions = new HashSet<>();
    if (a.get("ops") instanceof List<?> ops) {
      for (Object o : ops) {
        if (o instanceof Map<?, ?> op && op.get("index") instanceof Number n) {
          positions.add(position(r, n.longValue()));
        }
      }
    }
    if (a.get("op-index") instanceof Number n) {
      positions.add(position(r, n.longValue()));
    }
    if (a.get("at-s") instanceof Number t) {
      positions.add(positionAt(r, (long) (t.doubleValue() * 1e9)));
    }
    Object key = a.get("key");
    HistoryWindow.append(h, r, positions, Set.of(), key instanceof String || key instanceof Number ? key : null);
  }

  /** Up to {@code max} anomalies, the first of each type before a second of any. */
  static List<Anomaly> pick(List<Anomaly> all, int max) {
    List<Anomaly> out = new ArrayList<>();
    Set<String> types = new java.util.LinkedHashSet<>();
    for (Anomaly a : all) {
      if (out.size() < max && types.add(a.type())) {
        out.add(a);
      }
    }
    for (Anomaly a : all) {
      if (out.size() < max && !out.contains(a)) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * The position of the first event at or after {@code nanos}, for anomalies seen outside the
   * history (the node status samples): the window then shows what the clients did at that moment.
   */
  private static int positionAt(RunReport r, long nanos) {
    List<Op> history = r.history();
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).time() >= nanos) {
        return i;
      }
    }
    return history.size() - 1;
  }

  /** The list position of the event with history index {@code index} (they coincide in a dense history). */
  private static int position(RunReport r, long index) {
    if (index >= 0 && index < r.history().size() && r.history().get((int) index).index() == index) {
      return (int) index;
    }
    for (int i = 0; i < r.history().size(); i++) {
      if (r.history().get(i).index() == index) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Anomalies anywhere in the details: maps with a cycle drawing ({@code svg}), or with an
   * explanation and the operations involved ({@code ops} or {@code op-index}) or the moment it
   * was seen ({@code at-s}, seconds on the history's clock).
   */
  static void collectAnomalies(Object node, String label, List<Anomaly> out, int depth) {
    if (depth > 6) {
      return;
    }
    if (node instanceof Map<?, ?> m) {
      boolean evidence = m.get("svg") instanceof String
          || (m.get("explanation") != null && (m.get("ops") instanceof List<?> || m.get("op-index") instanceof Number
              || m.get("at-s") instanceof Number));
      if (evidence) {
        out.add(new Anomaly(m.get("type") != null ? String.valueOf(m.get("type")) : label, m));
        return;
      }
      for (Map.Entry<?, ?> e : m.entrySet()) {
        collectAnomalies(e.getValue(), String.valueOf(e.getKey()), out, depth + 1);
      }
    } else if (node instanceof List<?> l) {
      for (Object v : l) {
        collectAnomalies(v, label, out, depth + 1);
      }
    }
  }
}
