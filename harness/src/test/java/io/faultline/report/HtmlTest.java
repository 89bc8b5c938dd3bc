package io.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.history.JsonValues;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesMarkupAndQuotes() {
    assertThat(Html.esc("<a href='x'>\"&\"</a>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
  }

  @Test
  void scriptJsonCannotEndTheScriptElementAndStillParsesToTheSameValue() throws Exception {
    String value = "</script><script>alert(1)</script><!-- & \u2028";
    String json = Html.scriptJson(JsonValues.mapper().writeValueAsString(List.of(value)));
    assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028");
    assertThat(JsonValues.mapper().readValue(json, List.class)).containsExactly(value);
  }

  @Test
  void quotesUnquotedAttributesBeforeSelfClosing() {
    assertThat(Html.fixSelfClosing("<line x1='1' class=lane/><g class='op'>"))
        .isEqualTo("<line x1='1' class=\"lane\"/><g class='op'>");
  }
}
