package io.faultline.report;

/** HTML escaping: every value that reaches a report goes through {@link #esc}. */
public final class Html {
  private Html() {}

  public static String esc(Object value) {
    String s = String.valueOf(value);
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static final String STYLE = "<style>body{font-family:sans-serif;margin:2em;max-width:1200px}"
      + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
      + ".valid{color:#fff;background:#2a7d2a}.invalid{color:#fff;background:#b22222}.unknown{color:#000;background:#f0c040}"
      + ".verdict{display:inline-block;padding:.3em .8em;font-size:1.4em;border-radius:4px}"
      + "pre{background:#f6f6f6;padding:8px;overflow:auto;max-height:40em}code{background:#f6f6f6}</style>";
}
