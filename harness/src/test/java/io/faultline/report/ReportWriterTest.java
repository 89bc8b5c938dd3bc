package io.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.run.Judgement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path root;

  @Test
  void reportPutsTheVerdictFirstEscapesEverythingAndDrawsTheChart() throws Exception {
    Path run = Files.createDirectories(root.resolve("t<x>").resolve("20260101T000000.000"));
    List<Op> h = new ArrayList<>();
    h.add(new Op(0, 1_000_000, 0, OpType.INVOKE, "read", "k<1>", null, "n1", null));
    h.add(new Op(1, 2_000_000_000L, Op.NEMESIS, OpType.INFO, "start-partition", null, Map.of("shape", "<b>"), null, null));
    h.add(new Op(2, 3_000_000_000L, 0, OpType.OK, "read", "k<1>", 1L, "n1", null));
    h.add(new Op(3, 4_000_000_000L, Op.NEMESIS, OpType.INFO, "stop-partition", null, null, null, null));
    Map<String, Object> test = new LinkedHashMap<>();
    test.put("test-name", "t<x>");
    test.put("command", "./faultline test --bug '<script>'");
    Judgement j = new Judgement(Verdict.INVALID,
        Map.of("linearizable", new CheckResult(Verdict.INVALID, Map.of("why", "<script>alert(1)</script>"))));
    ReportWriter.write(run, test, j, h);
    String html = Files.readString(run.resolve("index.html"));
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;").contains("INVALID");
    assertThat(html.indexOf("INVALID")).isLessThan(html.indexOf("Checkers"));
    assertThat(html).contains("&quot;shape&quot;:&quot;&lt;b&gt;&quot;");
    assertThat(Files.size(run.resolve("latency.png"))).isGreaterThan(1000);
    assertThat(LatencyChart.faultIntervals(h)).containsExactly(new LatencyChart.Interval(2.0, 4.0, "start-partition"));

    Files.writeString(run.resolve("results.json"), "{\"valid\":false}");
    ReportWriter.writeRunsIndex(root);
    assertThat(Files.readString(root.resolve("index.html"))).contains("t&lt;x&gt;").contains("class=\"invalid\"");
  }
}
