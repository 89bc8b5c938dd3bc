package io.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.PorcupineEtcdReader;
import io.faultline.report.bench.SyntheticRun;
import io.faultline.report.browser.BrowserPage;
import io.faultline.report.browser.HeadlessChromium;
import io.faultline.run.CheckRun;
import io.faultline.run.Judgement;
import io.faultline.workload.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens generated reports in a real headless Chromium (Debian's {@code chromium}, driven over the
 * DevTools protocol) and checks what a person would see: no script errors, every chart image
 * loaded, the counterexample drawn, the timeline drawn — for a failing recorded history, a
 * 100,000-operation synthetic run, and a history full of markup. Screenshots go to
 * {@code target/report-screenshots/}. Without Chromium this test fails: CI installs it.
 */
class ReportBrowserIT {
  static final Path SCREENSHOTS = Path.of("target", "report-screenshots");
  static final Duration LOAD = Duration.ofSeconds(60);
  static HeadlessChromium browser;

  @TempDir static Path root;

  @BeforeAll
  static void startBrowser() throws Exception {
    Path binary = HeadlessChromium.find().orElseThrow(() -> new AssertionError(
        "chromium is not installed: this test needs Debian's chromium (apt-get install -y chromium; .ci/run installs it)"
            + " or FAULTLINE_CHROMIUM=/path/to/chrome"));
    browser = HeadlessChromium.start(binary, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  static Map<String, Object> testJson(String name) {
    Map<String, Object> test = new LinkedHashMap<>();
    test.put("test-name", name);
    test.put("system", "etcd (recorded by Jepsen)");
    test.put("workload", "cas-register");
    test.put("seed", 0);
    test.put("command", "./faultline check --model etcd --format porcupine-etcd etcd_000.log");
    return test;
  }

  @Test
  void failingRecordedRunShowsItsCounterexampleChartsAndTimeline() throws Exception {
    Path shared = Path.of(System.getProperty("faultline.shared", "../../shared")).toAbsolutePath();
    List<Op> history = PorcupineEtcdReader.read(shared.resolve("data/histories/porcupine/jepsen/etcd_000.log")).ops();
    Judgement judgement = CheckRun.judge(Workloads.byName("cas-register").orElseThrow().checkers(), history);
    assertThat(judgement.verdict().toJson()).isEqualTo(false); // MANIFEST.tsv: etcd_000 is invalid
    Path run = Files.createDirectories(root.resolve("etcd-000").resolve("20260101T000000.000"));
    long end = history.get(history.size() - 1).time();
    StringBuilder status = new StringBuilder();
    for (int i = 0; i <= 20; i++) {
      for (String node : List.of("n1", "n2", "n3")) {
        String role = node.equals(i < 10 ? "n1" : "n2") ? "leader" : i == 10 && node.equals("n1") ? "down" : "follower";
        status.append("{\"time\":").append(end * i / 20).append(",\"node\":\"").append(node).append("\",\"role\":\"")
            .append(role).append("\",\"term\":").append(i < 10 ? 1 : 2).append(",\"leader\":null}\n");
      }
    }
    Files.writeString(run.resolve(ReportWriter.NODE_STATUS), status);
    ReportWriter.write(run, testJson("etcd-000"), judgement, history);

    BrowserPage page = browser.newPage(1280, 900);
    page.load(run.resolve("index.html").toUri().toString(), LOAD);
    assertThat(page.eval("document.getElementById('verdict').textContent").asText()).startsWith("INVALID");
    assertThat(page.eval("document.querySelectorAll('img.chart').length").asInt()).isEqualTo(3);
    assertThat(page.eval("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)").asBoolean())
        .as("every chart image loaded").isTrue();
    // the counterexample: operations drawn as visible bars on process lanes, the blocked one among them
    assertThat(page.eval("document.querySelectorAll('#counterexample g.op').length").asInt()).isGreaterThan(0);
    assertThat(page.eval("Array.from(document.querySelectorAll('#counterexample g.op rect'))"
        + ".every(r => r.getBoundingClientRect().width > 0)").asBoolean()).as("counterexample bars rendered").isTrue();
    assertThat(page.eval("document.querySelectorAll('#counterexample g.blocked').length").asInt()).isEqualTo(1);
    assertThat(page.eval("document.querySelectorAll('table.surrounding tr.blocked').length").asInt()).isGreaterThan(0);
    assertThat(page.eval("document.getElementById('evidence').getBoundingClientRect().top"
        + " < document.getElementById('charts').getBoundingClientRect().top").asBoolean()).isTrue();
    assertThat(page.eval("document.querySelectorAll('#roles-svg rect').length").asInt()).isGreaterThan(3);
    page.screenshot(SCREENSHOTS.resolve("failing-report.png"), 8000);
    assertThat(page.errors()).isEmpty();

    String link = page.eval("document.querySelector('a.timeline-link').href").asText();
    assertThat(link).contains("timeline.html#t=").contains("mark=");
    page.load(link, LOAD);
    assertThat(page.eval("window.timelineDraws > 0 && window.timelineBars > 0").asBoolean()).isTrue();
    java.util.regex.Matcher window = java.util.regex.Pattern.compile("t=([0-9.]+),([0-9.]+)").matcher(link);
    assertThat(window.find()).isTrue();
    assertThat(page.eval("window.timelineApi.view.a").asDouble() / 1e6).as("opened at the counterexample's window")
        .isCloseTo(Double.parseDouble(window.group(1)), org.assertj.core.data.Offset.offset(1e-3));
    assertThat(page.eval("window.timelineApi.view.b").asDouble() / 1e6)
        .isCloseTo(Double.parseDouble(window.group(2)), org.assertj.core.data.Offset.offset(1e-3));
    page.screenshot(SCREENSHOTS.resolve("failing-timeline.png"), 2000);
    assertThat(page.errors()).isEmpty();
  }

  @Test
  void timelineOfAHundredThousandOperationsDrawsZoomsAndDescribesOperations() throws Exception {
    List<Op> history = SyntheticRun.history(100_000, 10, 7);
    Path run = Files.createDirectories(root.resolve("synthetic").resolve("20260101T000000.000"));
    SyntheticRun.writeNodeStatus(run.resolve(ReportWriter.NODE_STATUS), history);
    Judgement judgement = CheckRun.judge(Workloads.byName("cas-register").orElseThrow().checkers(), history);
    Map<String, Object> test = testJson("synthetic");
    test.put("concurrency", 10);
    ReportWriter.write(run, test, judgement, history);

    BrowserPage page = browser.newPage(1280, 900);
    page.load(run.resolve("timeline.html").toUri().toString(), LOAD);
    assertThat(page.eval("document.getElementById('status').textContent").asText()).startsWith("100000 operations");
    assertThat(page.eval("window.timelineBars").asInt()).isGreaterThan(1000);
    int draws = page.eval("window.timelineDraws").asInt();
    page.eval("window.timelineApi.setView(10e6, 10.05e6)"); // 50 ms window at 10 s
    assertThat(page.eval("window.timelineDraws").asInt()).isGreaterThan(draws);
    assertThat(page.eval("window.timelineApi.view.b - window.timelineApi.view.a").asDouble()).isEqualTo(50_000.0);
    // the op under the first lane's middle, described like a person reads it
    JsonNode described = page.eval("(() => { const i = window.timelineApi.opAt(700, 34 + 8);"
        + " return i < 0 ? '' : window.timelineApi.describe(i); })()");
    assertThat(described.asText()).contains("process").contains("latency");
    // a real pointer: hovering a bar shows its operation, clicking keeps it
    JsonNode canvas = page.eval("(() => { const r = document.getElementById('tl').getBoundingClientRect();"
        + " return {x: r.left, y: r.top}; })()");
    double px = canvas.get("x").asDouble() + 700;
    double py = canvas.get("y").asDouble() + 34 + 8;
    page.mouse("mouseMoved", px, py);
    assertThat(page.eval("document.getElementById('tip').style.display").asText()).isEqualTo("block");
    assertThat(page.eval("document.getElementById('tip').textContent").asText()).contains("process").contains("latency");
    page.mouse("mousePressed", px, py);
    page.mouse("mouseReleased", px, py);
    assertThat(page.eval("document.getElementById('pinned').textContent").asText()).contains("invoke").contains("value");
    page.screenshot(SCREENSHOTS.resolve("timeline-100k-zoomed.png"), 1200);
    assertThat(page.errors()).isEmpty();

    page.load(run.resolve("index.html").toUri().toString(), LOAD);
    assertThat(page.eval("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)").asBoolean()).isTrue();
    assertThat(page.errors()).isEmpty();
  }

  @Test
  void markupInTheHistoryStaysTextInTheReportAndTheTimeline() throws Exception {
    Path run = Files.createDirectories(root.resolve("hostile").resolve("20260101T000000.000"));
    String pwn = "<img src=x onerror=\"window.pwned=1\"></script><script>window.pwned=2</script>";
    List<Op> history = new java.util.ArrayList<>(ReportWriterTest.hostileHistory());
    history.add(new Op(6, 4_100_000_000L, 0, io.faultline.checker.history.OpType.INVOKE, pwn, pwn, pwn, pwn, null));
    history.add(new Op(7, 4_200_000_000L, 0, io.faultline.checker.history.OpType.INFO, pwn, pwn, pwn, pwn, pwn));
    Map<String, Object> test = testJson(pwn);
    test.put("command", pwn);
    ReportWriter.write(run, test, new Judgement(io.faultline.checker.Verdict.UNKNOWN, Map.of(pwn,
        new io.faultline.checker.CheckResult(io.faultline.checker.Verdict.UNKNOWN, Map.of("reason", pwn)))), history);
    BrowserPage page = browser.newPage(1280, 900);
    for (String file : List.of("index.html", "timeline.html")) {
      page.load(run.resolve(file).toUri().toString(), LOAD);
      assertThat(page.eval("typeof window.pwned").asText()).as(file).isEqualTo("undefined");
      assertThat(page.eval("document.querySelectorAll('body img:not(.chart), body script').length").asInt())
          .as(file + ": no element made from the history").isLessThanOrEqualTo(file.equals("timeline.html") ? 2 : 0);
    }
    assertThat(page.eval("document.getElementById('status').textContent").asText()).startsWith("3 operations");
    assertThat(page.eval("window.timelineApi.describe(2)").asText()).contains(pwn);
    assertThat(page.errors()).isEmpty();
  }
}
