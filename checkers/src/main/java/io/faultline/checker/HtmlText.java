package io.faultline.checker;

/**
 * Escapes text for HTML element content and single- or double-quoted attributes. The one escape
 * every page Faultline writes uses (counterexamples here, reports in the harness), so a value from
 * the system under test reaches HTML in one way only.
 */
public final class HtmlText {
  private HtmlText() {}

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
}
