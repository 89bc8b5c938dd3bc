package io.faultline.report;

import io.faultline.checker.HtmlText;

/**
 * Escaping for reports: every value from the system under test or the history reaches HTML through
 * {@link #esc} and an embedded script only through {@link #scriptJson}.
 */
public final class Html {
  private Html() {}

  /** Escapes text for element content and single- or double-quoted attributes ({@link HtmlText}). */
  public static String esc(Object value) {
    return HtmlText.esc(value);
  }

  /**
   * Makes JSON text safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &}
   * become {@code \u003c}-style escapes (they can only occur inside JSON strings, where the escape
   * means the same character), so a value containing {@code </script>} or {@code <!--} cannot end
   * or alter the element; U+2028/U+2029 are escaped for older JavaScript parsers.
   */
  public static String scriptJson(String json) {
    StringBuilder sb = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> sb.append("\\u003c");
        case '>' -> sb.append("\\u003e");
        case '&' -> sb.append("\\u0026");
        case '\u2028' -> sb.append("\\u2028");
        case '\u2029' -> sb.append("\\u2029");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static final java.util.regex.Pattern UNQUOTED_SELF_CLOSING =
      java.util.regex.Pattern.compile("=([A-Za-z0-9_-]+)/>");

  /**
   * Quotes an unquoted attribute value right before {@code />} ({@code class=lane/>}): an HTML parser
   * reads that as the value {@code lane/} and leaves the element open, so everything after it in an
   * inline SVG becomes its invisible child. The checkers' counterexample drawing has such lines.
   */
  public static String fixSelfClosing(String markup) {
    return UNQUOTED_SELF_CLOSING.matcher(markup).replaceAll("=\"$1\"/>");
  }

  /** The reports' shared CSS (no external resources: reports open from a CI artifact zip). */
  public static final String STYLE = "<style>"
      + "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2328;margin:1.5em auto;max-width:1200px;padding:0 1em}"
      + "h1{font-size:22px;margin:.2em 0}h2{font-size:17px;margin-top:1.6em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}"
      + "h3{font-size:15px}table{border-collapse:collapse;margin:.4em 0}"
      + "td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}td.v{overflow-wrap:anywhere}"
      + ".valid{color:#fff;background:#2a7d2a}.invalid{color:#fff;background:#b22222}.unknown{color:#000;background:#f0c040}"
      + ".verdict{display:block;padding:.5em .8em;font-size:1.5em;border-radius:6px;font-weight:600}"
      + "pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:30em;border-radius:6px;white-space:pre-wrap}"
      + "code{background:#f6f8fa;padding:1px 4px;border-radius:3px}.muted{color:#57606a}"
      + "nav a{margin-right:1em}img.chart{max-width:100%;border:1px solid #d0d7de;border-radius:6px}"
      + ".blocked td{background:#ffd8d3}.in-cx td{background:#fff8e1}tr.fail td.t{color:#b22222}tr.info td.t{color:#b07800}"
      + "details>summary{cursor:pointer;color:#0969da}"
      + ".cx svg{border:1px solid #d0d7de;border-radius:6px;background:#fbfcfd;max-width:100%;height:auto}"
      + ".cx .axis{font-size:11px;fill:#57606a}.cx .proc{font:12px monospace;fill:#24292f}.cx .lane{stroke:#eaeef2}"
      + ".cx .op rect{stroke-width:1.2}.cx .op text{font:11px monospace;fill:#1f2328;pointer-events:none}"
      + ".cx .linearized rect{fill:#dafbe1;stroke:#2da44e}.cx .candidate rect{fill:#fff1c2;stroke:#bf8700}"
      + ".cx .blocked rect{fill:#ffd8d3;stroke:#cf222e;stroke-width:2.5}.cx .other rect{fill:#eef1f4;stroke:#8c959f}"
      + ".cx .info rect{stroke-dasharray:5 3}"
      + ".legend{margin:6px 0;color:#57606a;font-size:12px}.sw{display:inline-block;width:14px;height:10px;margin:0 4px 0 14px;border:1px solid #888}"
      + "</style>";
}
