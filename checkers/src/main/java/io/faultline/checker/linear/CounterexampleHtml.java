package io.faultline.checker.linear;

import io.faultline.checker.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Draws the failing region of a non-linearizable history as one self-contained HTML page (inline
 * CSS and SVG, no scripts, no external resources): operations as bars on process lanes, history
 * order left to right, the operation that could not be linearised in red, the pending candidates
 * in amber, the tail of the longest linearisable prefix in green. Works from the JSON-shaped
 * {@code details.failure} alone, so a stored results.json can be re-rendered. Every value is
 * escaped.
 */
public final class CounterexampleHtml {
  private static final int LANE_HEIGHT = 34;
  private static final int LEFT = 70;
  private static final int STEP = 44;

  private CounterexampleHtml() {}

  /** The page for a check result; a short page saying so when there is no counterexample. */
  public static String render(CheckResult result) {
    Object failure = result.details().get("failure");
    if (failure instanceof Map<?, ?> f) {
      return render(f);
    }
    return page("No counterexample", "<p>Verdict: " + esc(String.valueOf(result.verdict().toJson()))
        + ". There is no counterexample to draw.</p>");
  }

  /** The page for one {@code details.failure} map. */
  public static String render(Map<?, ?> failure) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>Not linearizable</h1>");
    body.append("<p class=meta>model <b>").append(esc(failure.get("model"))).append("</b>");
    if (failure.get("key") != null) {
      body.append(" &middot; key <b>").append(esc(failure.get("key"))).append("</b>");
    }
    body.append(" &middot; ").append(esc(failure.get("part-operations"))).append(" operations in this part</p>");
    body.append("<p>").append(esc(failure.get("explanation"))).append("</p>");
    body.append(svg(list(failure.get("region"))));
    body.append("<div class=legend><span class='sw blocked'></span>could not be linearised"
        + "<span class='sw candidate'></span>pending candidate"
        + "<span class='sw linearized'></span>in the longest linearisable prefix"
        + "<span class='sw other'></span>other<span class='sw info'></span>unknown outcome (info)</div>");
    body.append("<h2>State after the longest linearisable prefix (")
        .append(esc(failure.get("prefix-length"))).append(" operations)</h2><pre>")
        .append(esc(failure.get("state"))).append("</pre>");
    table(body, "Last operations of that prefix, in linearisation order", list(failure.get("prefix-tail")));
    table(body, "Pending operations tried next (" + failure.get("candidates-total") + ")", list(failure.get("candidates")));
    return page("Counterexample", body.toString());
  }

  private static String svg(List<Map<?, ?>> region) {
    TreeSet<Long> positions = new TreeSet<>();
    TreeMap<Long, Integer> lanes = new TreeMap<>();
    for (Map<?, ?> op : region) {
      positions.add(num(op.get("invoke-position")));
      if (op.get("complete-position") != null) {
        positions.add(num(op.get("complete-position")));
      }
      lanes.put(num(op.get("process")), 0);
    }
    int lane = 0;
    for (Map.Entry<Long, Integer> e : lanes.entrySet()) {
      e.setValue(lane++);
    }
    // Rank-compress positions so concurrent operations are readable however far apart they are.
    TreeMap<Long, Integer> rank = new TreeMap<>();
    for (long p : positions) {
      rank.put(p, rank.size());
    }
    int width = LEFT + STEP * (rank.size() + 2) + 20;
    int height = 30 + LANE_HEIGHT * Math.max(1, lanes.size());
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg width='%d' height='%d' "
        + "viewBox='0 0 %d %d' role='img' aria-label='operations by process over history order'>", width, height, width, height));
    s.append("<defs><pattern id='hatch' width='6' height='6' patternUnits='userSpaceOnUse' patternTransform='rotate(45)'>"
        + "<rect width='3' height='6' fill='#c9ced6'/></pattern></defs>");
    s.append("<text x='4' y='16' class=axis>process</text>");
    s.append(String.format(Locale.ROOT, "<text x='%d' y='16' class=axis>history order &#8594;</text>", LEFT));
    for (Map.Entry<Long, Integer> e : lanes.entrySet()) {
      int y = 24 + LANE_HEIGHT * e.getValue();
      s.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' class='lane'/>", LEFT, width - 10, y + LANE_HEIGHT - 2, y + LANE_HEIGHT - 2));
      s.append(String.format(Locale.ROOT, "<text x='8' y='%d' class=proc>p%d</text>", y + 20, e.getKey()));
    }
    for (Map<?, ?> op : region) {
      int y = 24 + LANE_HEIGHT * lanes.get(num(op.get("process"))) + 4;
      int x1 = LEFT + STEP * rank.get(num(op.get("invoke-position")));
      boolean info = op.get("complete-position") == null;
      int x2 = info ? width - 14 : LEFT + STEP * rank.get(num(op.get("complete-position"))) + STEP / 2;
      String role = String.valueOf(op.get("role"));
      s.append("<g class='op ").append(esc(role)).append(info ? " info" : "").append("'><title>")
          .append(esc(op.get("text"))).append(" (line ").append(esc(op.get("line"))).append(")</title>");
      s.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' rx='4'/>", x1, y, Math.max(8, x2 - x1), LANE_HEIGHT - 10));
      String label = label(op);
      int room = Math.max(0, (x2 - x1 - 8) / 7);
      if (room > 2) {
        s.append(String.format(Locale.ROOT, "<text x='%d' y='%d'>", x1 + 5, y + 16))
            .append(esc(label.length() > room ? label.substring(0, room - 1) + "\u2026" : label)).append("</text>");
      }
      s.append("</g>");
    }
    return s.append("</svg>").toString();
  }

  private static String label(Map<?, ?> op) {
    String in = show(op.get("value"));
    String out = "ok".equals(op.get("type")) ? show(op.get("output")) : "?";
    return op.get("f") + " " + in + " \u2192 " + out;
  }

  private static void table(StringBuilder b, String title, List<Map<?, ?>> ops) {
    b.append("<h2>").append(esc(title)).append("</h2>");
    if (ops.isEmpty()) {
      b.append("<p>none</p>");
      return;
    }
    b.append("<table><tr><th>process</th><th>operation</th><th>line</th><th>history positions</th></tr>");
    for (Map<?, ?> op : ops) {
      b.append("<tr><td>p").append(esc(op.get("process"))).append("</td><td><code>")
          .append(esc(op.get("text"))).append("</code></td><td>").append(esc(op.get("line")))
          .append("</td><td>").append(esc(op.get("invoke-position"))).append(" \u2013 ")
          .append(op.get("complete-position") == null ? "(never completed)" : esc(op.get("complete-position")))
          .append("</td></tr>");
    }
    b.append("</table>");
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=en><head><meta charset='utf-8'><title>" + esc(title) + "</title><style>"
        + "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2328;margin:24px;max-width:1200px}"
        + "h1{font-size:20px;color:#b42318}h2{font-size:15px;margin-top:22px}.meta{color:#57606a}"
        + "svg{border:1px solid #d0d7de;border-radius:6px;background:#fbfcfd;max-width:100%;height:auto}"
        + ".axis{font-size:11px;fill:#57606a}.proc{font:12px monospace;fill:#24292f}.lane{stroke:#eaeef2}"
        + ".op rect{stroke-width:1.2}.op text{font:11px monospace;fill:#1f2328;pointer-events:none}"
        + ".linearized rect{fill:#dafbe1;stroke:#2da44e}.candidate rect{fill:#fff1c2;stroke:#bf8700}"
        + ".blocked rect{fill:#ffd8d3;stroke:#cf222e;stroke-width:2.5}.other rect{fill:#eef1f4;stroke:#8c959f}"
        + ".info rect{stroke-dasharray:5 3}.info.other rect{fill:url(#hatch)}"
        + ".legend{margin:8px 0;color:#57606a;font-size:12px}.sw{display:inline-block;width:14px;height:10px;margin:0 4px 0 14px;border:1px solid}"
        + ".sw.blocked{background:#ffd8d3;border-color:#cf222e}.sw.candidate{background:#fff1c2;border-color:#bf8700}"
        + ".sw.linearized{background:#dafbe1;border-color:#2da44e}.sw.other{background:#eef1f4;border-color:#8c959f}"
        + ".sw.info{background:#fff;border:1px dashed #57606a}"
        + "table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:left}th{background:#f6f8fa}"
        + "pre{background:#f6f8fa;padding:8px;border-radius:6px;white-space:pre-wrap}"
        + "</style></head><body>" + body + "</body></html>";
  }

  @SuppressWarnings("unchecked")
  private static List<Map<?, ?>> list(Object o) {
    List<Map<?, ?>> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object e : l) {
        if (e instanceof Map<?, ?> m) {
          out.add(m);
        }
      }
    }
    return out;
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  private static String show(Object v) {
    return io.faultline.checker.history.Values.show(v);
  }

  static String esc(Object o) {
    return io.faultline.checker.HtmlText.esc(o);
  }
}
