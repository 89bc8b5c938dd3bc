package io.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.run.Judgement;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  static final String XSS = "<script>alert(1)</script>";

  @TempDir Path root;

  /** A small invalid run whose every text field carries markup. */
  static List<Op> hostileHistory() {
    List<Op> h = new ArrayList<>();
    h.add(new Op(0, 1_000_000, 0, OpType.INVOKE, "read", "k<1>", null, "n1", null));
    h.add(new Op(1, 2_000_000_000L, Op.NEMESIS, OpType.INFO, "start-partition", null, Map.of("shape", "<b>"), null, null));
    h.add(new Op(2, 3_000_000_000L, 0, OpType.OK, "read", "k<1>", XSS, "n1", null));
    h.add(new Op(3, 3_100_000_000L, 1, OpType.INVOKE, "write", "</script><script>alert(2)</script>", XSS, "n<2>", null));
    h.add(new Op(4, 3_200_000_000L, 1, OpType.FAIL, "write", "</script><script>alert(2)</script>", XSS, "n<2>", "<img src=x onerror=alert(3)>"));
    h.add(new Op(5, 4_000_000_000L, Op.NEMESIS, OpType.INFO, "stop-partition", null, null, null, null));
    return h;
  }

  static Map<String, Object> testJson() {
    Map<String, Object> test = new LinkedHashMap<>();
    test.put("test-name", "t<x>");
    test.put("command", "./faultline test --bug '<script>'");
    test.put("concurrency", 2);
    return test;
  }

  @Test
  void reportPutsTheVerdictFirstEscapesEverythingAndDrawsTheCharts() throws Exception {
    Path run = Files.createDirectories(root.resolve("t<x>").resolve("20260101T000000.000"));
    Files.writeString(run.resolve(ReportWriter.NODE_STATUS),
        "{\"time\":0,\"node\":\"n<1>\",\"role\":\"leader\",\"term\":1,\"leader\":\"n<1>\"}\n"
            + "{\"time\":1000000000,\"node\":\"n<1>\",\"role\":\"down\",\"term\":null,\"leader\":null}\n"
            + "{\"time\":2000000000,\"node\":\"n<1>\",\"role\":\"<i>odd</i>\",\"term\":2,\"leader\":null}\n");
    Judgement j = new Judgement(Verdict.INVALID,
        Map.of("linearizable", new CheckResult(Verdict.INVALID, Map.of("why", XSS))));
    ReportWriter.write(run, testJson(), j, hostileHistory());

    String html = Files.readString(run.resolve("index.html"));
    assertThat(html).doesNotContain("<script").doesNotContain("<img src=x").doesNotContain("start-partition <b>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("n&lt;1&gt;")
        .doesNotContain("<i>odd").contains("&lt;i&gt;odd&lt;/i&gt;");
    assertThat(html.indexOf("INVALID")).isLessThan(html.indexOf("Checkers"));
    assertThat(html.indexOf("id=\"evidence\"")).isLessThan(html.indexOf("id=\"charts\""));
    assertThat(html.indexOf("id=\"charts\"")).isLessThan(html.indexOf("id=\"roles\""));
    assertThat(html.indexOf("id=\"roles\"")).isLessThan(html.indexOf("id=\"faults\""));
    assertThat(html.indexOf("id=\"faults\"")).isLessThan(html.indexOf("id=\"config\""));
    assertThat(html).contains("start-partition &lt;b&gt;").contains("roles-svg");

    for (String png : List.of(ReportWriter.LATENCY_PNG, ReportWriter.QUANTILES_PNG, ReportWriter.THROUGHPUT_PNG)) {
      assertThat(html).contains("src=\"" + png + "\"");
    }
    assertPng(run.resolve(ReportWriter.LATENCY_PNG), 1100, 480);
    assertPng(run.resolve(ReportWriter.QUANTILES_PNG), 1100, 120 + 170);
    assertPng(run.resolve(ReportWriter.THROUGHPUT_PNG), 1100, 120 + 170 * 2);

    String timeline = Files.readString(run.resolve(ReportWriter.TIMELINE_HTML));
    String data = timeline.substring(timeline.indexOf("id=\"data\">") + 10, timeline.indexOf("</script>"));
    assertThat(data).doesNotContain("<").doesNotContain(">").contains("\\u003c/script\\u003e");
    // exactly the two script elements of the page: the data and the code
    assertThat(timeline.split("</script>", -1)).hasSize(3);
    assertThat(timeline).doesNotContain("src=\"http").doesNotContain("href=\"http");
  }

  @Test
  void runsIndexListsNewestFirstWithSystemNemesisVerdictAndDuration() throws Exception {
    Path older = Files.createDirectories(root.resolve("a-test").resolve("20260101T000000.000"));
    Path newer = Files.createDirectories(root.resolve("b<test>").resolve("20260102T000000.000"));
    Files.writeString(older.resolve("test.json"), "{\"system\":\"raft\",\"nemesis\":\"kill\"}");
    Files.writeString(older.resolve("results.json"), "{\"valid\":true}");
    Files.writeString(older.resolve("history.jsonl"), "{\"index\":0,\"time\":2500000000,\"process\":0,"
        + "\"type\":\"invoke\",\"f\":\"read\"}\n{\"index\":1,\"time\":12345000000,\"process\":0,\"type\":\"ok\",\"f\":\"read\"}\n");
    Files.writeString(newer.resolve("test.json"), "{\"system\":\"naive\",\"nemesis\":\"<partition>\"}");
    Files.writeString(newer.resolve("results.json"), "{\"valid\":false}");
    ReportWriter.writeRunsIndex(root);
    String index = Files.readString(root.resolve("index.html"));
    assertThat(index.indexOf("2026-01-02 00:00:00.000")).isLessThan(index.indexOf("2026-01-01 00:00:00.000"));
    assertThat(index).contains("b&lt;test&gt;").contains("&lt;partition&gt;").contains("class=\"invalid\">INVALID")
        .contains("class=\"valid\">valid").contains("12.3 s").contains("raft").contains("naive");
  }

  @Test
  void anEmptyHistoryStillGetsAReportThatSaysWhatIsMissing() throws Exception {
    Path run = Files.createDirectories(root.resolve("empty").resolve("20260101T000000.000"));
    ReportWriter.write(run, Map.of("test-name", "empty"), new Judgement(Verdict.UNKNOWN,
        Map.of("linearizable", new CheckResult(Verdict.UNKNOWN, Map.of("reason", "no operations")))), List.of());
    String html = Files.readString(run.resolve("index.html"));
    assertThat(html).contains("UNKNOWN").contains("could not decide").contains("no operations")
        .contains("Not drawn: no completed operation to draw").contains("No node status was sampled")
        .contains("No fault was injected");
    assertThat(Files.readString(run.resolve(ReportWriter.TIMELINE_HTML))).contains("\"lanes\":[]");
  }

  static void assertPng(Path png, int width, int height) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as(png.toString()).isNotNull();
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
    // not blank: more than a handful of colours
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int x = 0; x < width; x += 7) {
      for (int y = 0; y < height; y += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).isGreaterThan(5);
  }
}
