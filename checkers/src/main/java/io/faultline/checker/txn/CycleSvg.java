package io.faultline.checker.txn;

import java.util.List;
import java.util.Locale;

/**
 * Draws a dependency cycle as a small self-contained SVG (no scripts, no external references)
 * that a report can embed: transactions on a circle, one labelled arrow per edge, and under the
 * circle each transaction's micro-ops. Also renders the same cycle as Graphviz DOT text.
 */
public final class CycleSvg {
  private CycleSvg() {}

  /**
   * @param title shown at the top, e.g. the anomaly name
   * @param names node names in cycle order ("T1", "T2", ...)
   * @param captions one line per node, e.g. its micro-ops
   * @param edgeLabels {@code edgeLabels.get(i)} labels the edge from node i to node i+1 (mod n)
   */
  public static String render(String title, List<String> names, List<String> captions,
      List<String> edgeLabels) {
    int n = names.size();
    double radius = n <= 2 ? 70 : 60 + 14 * n;
    double cx = 40 + radius + 30;
    double cy = 50 + radius;
    int width = (int) (2 * cx);
    int height = (int) (cy + radius + 40 + 16 * n);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
        + "font-size=\"12\">", Math.max(width, 360), height, Math.max(width, 360), height));
    svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
        + "markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">"
        + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/></marker></defs>");
    svg.append("<text x=\"10\" y=\"20\" font-weight=\"bold\">").append(escape(title))
        .append("</text>");
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double angle = -Math.PI / 2 + 2 * Math.PI * i / n;
      x[i] = cx + radius * Math.cos(angle);
      y[i] = cy + radius * Math.sin(angle);
    }
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      double dx = x[j] - x[i];
      double dy = y[j] - y[i];
      double length = Math.max(1, Math.hypot(dx, dy));
      // Bend each edge outwards a little so the two edges of a 2-cycle do not overlap.
      double bend = 0.25 * length;
      double mx = (x[i] + x[j]) / 2 + bend * dy / length;
      double my = (y[i] + y[j]) / 2 - bend * dx / length;
      double sx = x[i] + 20 * (mx - x[i]) / Math.hypot(mx - x[i], my - y[i]);
      double sy = y[i] + 20 * (my - y[i]) / Math.hypot(mx - x[i], my - y[i]);
      double ex = x[j] + 20 * (mx - x[j]) / Math.hypot(mx - x[j], my - y[j]);
      double ey = y[j] + 20 * (my - y[j]) / Math.hypot(mx - x[j], my - y[j]);
      svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\" "
          + "fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>",
          sx, sy, mx, my, ex, ey, color(edgeLabels.get(i))));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
          + "fill=\"%s\">%s</text>", mx, my, color(edgeLabels.get(i)),
          escape(edgeLabels.get(i))));
    }
    for (int i = 0; i < n; i++) {
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"18\" "
          + "fill=\"#eef\" stroke=\"#446\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
          + "%s</text>", x[i], y[i], x[i], y[i] + 4, escape(names.get(i))));
    }
    double textY = cy + radius + 40;
    for (int i = 0; i < n; i++) {
      svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%.1f\">%s: %s</text>",
          textY + 16 * i, escape(names.get(i)), escape(captions.get(i))));
    }
    return svg.append("</svg>").toString();
  }

  /** The same cycle as Graphviz DOT text. */
  public static String dot(List<String> names, List<String> edgeLabels) {
    StringBuilder dot = new StringBuilder("digraph cycle {\n");
    for (int i = 0; i < names.size(); i++) {
      dot.append("  \"").append(names.get(i)).append("\" -> \"")
          .append(names.get((i + 1) % names.size())).append("\" [label=\"")
          .append(edgeLabels.get(i)).append("\"];\n");
    }
    return dot.append("}\n").toString();
  }

  private static String color(String edgeLabel) {
    return switch (edgeLabel) {
      case "ww" -> "#1f5fa8";
      case "wr" -> "#2e7d32";
      case "rw" -> "#c62828";
      default -> "#6a6a6a";
    };
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
