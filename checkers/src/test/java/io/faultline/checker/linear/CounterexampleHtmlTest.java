package io.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.checker.model.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterexampleHtmlTest {

  @Test
  void drawsTheFailingRegionWithValuesEscaped() {
    List<Op> ops = List.of(
        Op.invoke(0, 0, 1, "put", "<script>alert('x')</script>"),
        Op.complete(1, 1, 1, OpType.OK, "put", "<script>alert('x')</script>"),
        Op.invoke(2, 2, 2, "append", "&b"),
        Op.invoke(3, 3, 3, "get", null),
        Op.complete(4, 4, 3, OpType.OK, "get", "\"nope\""),
        Op.complete(5, 5, 2, OpType.INFO, "append", "&b"));
    CheckResult r = LinearizabilityChecker.builder().model(Models.byName("kv")).build().check(ops);
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    String html = CounterexampleHtml.render(r);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "class='op blocked'", "class='op linearized info'",
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "&amp;b", "p1", "p2", "p3");
    assertThat(html).doesNotContain("<script", "http://", "https://example").doesNotContainPattern("src=");
    // An unquoted value right before "/>" ("class=lane/>") is read by browsers as "lane/" and
    // leaves the element open, hiding everything drawn after it.
    assertThat(html).doesNotContainPattern("=[A-Za-z0-9_-]+/>");
  }

  @Test
  void validResultSaysThereIsNothingToDraw() {
    String html = CounterexampleHtml.render(CheckResult.of(Verdict.VALID));
    assertThat(html).contains("no counterexample");
  }
}
