package io.faultline.report.sections;

import static io.faultline.report.Html.esc;

import io.faultline.report.FaultIntervals;
import io.faultline.report.FaultIntervals.Interval;
import io.faultline.report.NodeRoles;
import io.faultline.report.NodeRoles.Segment;
import io.faultline.report.RunReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who led when: one lane per node coloured by the role its status reported (inline SVG, faults
 * shaded behind), and the leaders seen per term with terms of more than one leader flagged.
 */
public final class RolesSection {
  private static final int LEFT = 50;
  private static final int WIDTH = 1100;
  private static final int LANE = 24;
  private static final int TOP = 44;

  private RolesSection() {}

  public static void append(StringBuilder h, RunReport r) {
    h.append("<h2 id=\"roles\">Node roles</h2>");
    if (r.samples().isEmpty()) {
      h.append("<p class=muted>No node status was sampled in this run (no node-status.jsonl).</p>");
      return;
    }
    if (!NodeRoles.anyAnswered(r.samples())) {
      h.append("<p class=muted>No node ever answered <code>GET /admin/status</code> (").append(r.samples().size())
          .append(" samples); the system may not have that endpoint.</p>");
      return;
    }
    long end = Math.max(1, r.endNanos());
    Map<String, List<Segment>> lanes = NodeRoles.segments(r.samples(), end);
    h.append("<p class=muted>From ").append(r.samples().size()).append(" samples of the ").append(lanes.size())
        .append(" nodes' status (<code>GET /admin/status</code>); <i>down</i> = no answer within the sampler's "
            + "timeout (killed, paused or unreachable). Hover a bar for its term and times.</p>");
    h.append(svg(lanes, r.faults(), end));
    h.append("<div class=legend>");
    java.util.Set<String> roles = new java.util.LinkedHashSet<>(List.of("leader", "follower", "candidate", "down"));
    r.samples().forEach(sample -> roles.add(sample.role())); // and whatever else the system reports
    for (String role : roles) {
      h.append("<span class=sw style=\"background:").append(color(role)).append("\"></span>").append(esc(role));
    }
    h.append("</div>");
    Map<Long, TreeSet<String>> leaders = NodeRoles.leadersByTerm(r.samples());
    long split = leaders.values().stream().filter(s -> s.size() > 1).count();
    h.append("<details").append(split > 0 ? " open" : "").append("><summary>Leaders per term (").append(leaders.size())
        .append(" terms with a leader").append(split > 0 ? ", <b>" + split + " with more than one</b>" : "")
        .append(")</summary><table><tr><th>term</th><th>nodes that reported themselves leader</th></tr>");
    leaders.forEach((term, nodes) -> h.append("<tr").append(nodes.size() > 1 ? " class=blocked" : "").append("><td>")
        .append(term).append("</td><td>").append(esc(String.join(", ", nodes))).append("</td></tr>"));
    h.append("</table></details>");
  }

  static String svg(Map<String, List<Segment>> lanes, List<Interval> faults, long end) {
    int height = TOP + LANE * lanes.size() + 4;
    double scale = (WIDTH - LEFT - 10) / (double) end;
    StringBuilder s = new StringBuilder();
    s.append("<svg id=\"roles-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(height).append("\" style=\"max-width:100%;height:auto;font:11px sans-serif\">");
    for (Interval f : faults) {
      s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>",
          LEFT + f.startNanos() * scale, TOP - 4, Math.max(1, (f.endNanos() - f.startNanos()) * scale),
          height - TOP + 4, FaultIntervals.css(f.kind(), 0.15), esc(f.label())));
    }
    int row = 0;
    for (Interval f : faults) { // labels on two alternating rows above the lanes, like the charts'
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#444\" font-size=\"10\">%s</text>",
          LEFT + f.startNanos() * scale + 1, 26 + 10 * (row++ % 2), esc(f.label())));
    }
    long step = tick(end);
    for (long t = 0; t <= end; t += step) {
      double x = LEFT + t * scale;
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#eaeef2\"/>"
          + "<text x=\"%.1f\" y=\"12\" fill=\"#57606a\">%s s</text>", x, x, TOP - 6, height, x + 2,
          String.format(Locale.ROOT, "%.0f", t / 1e9)));
    }
    int lane = 0;
    for (Map.Entry<String, List<Segment>> e : lanes.entrySet()) {
      int y = TOP + lane * LANE;
      s.append("<text x=\"4\" y=\"").append(y + 15).append("\">").append(esc(e.getKey())).append("</text>");
      for (Segment seg : e.getValue()) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">",
            LEFT + seg.start() * scale, y + 3, Math.max(0.8, (seg.end() - seg.start()) * scale), LANE - 6,
            color(seg.role())));
        s.append("<title>").append(esc(seg.node() + " " + seg.role() + (seg.term() == null ? "" : " term " + seg.term())))
            .append(String.format(Locale.ROOT, " %.2f–%.2f s", seg.start() / 1e9, seg.end() / 1e9)).append("</title></rect>");
      }
      lane++;
    }
    return s.append("</svg>").toString();
  }

  private static long tick(long end) {
    long[] steps = {1, 2, 5, 10, 20, 30, 60, 120, 300, 600};
    for (long st : steps) {
      if (end / (st * 1_000_000_000L) <= 15) {
        return st * 1_000_000_000L;
      }
    }
    return 1_800_000_000_000L;
  }

  static String color(String role) {
    return switch (role) {
      case "leader" -> "#2da44e";
      case "follower" -> "#9ecbff";
      case "candidate" -> "#f0c040";
      case "pre-candidate" -> "#f8e3a0";
      case "down" -> "#cf222e";
      default -> "#d0d7de";
    };
  }
}
