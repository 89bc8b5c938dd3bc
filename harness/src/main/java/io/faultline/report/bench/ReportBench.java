package io.faultline.report.bench;

import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.JsonlHistoryWriter;
import io.faultline.checker.history.Op;
import io.faultline.report.ReportWriter;
import io.faultline.report.browser.BrowserPage;
import io.faultline.report.browser.HeadlessChromium;
import io.faultline.run.CheckRun;
import io.faultline.run.Judgement;
import io.faultline.workload.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Measures report generation for a synthetic run ({@link SyntheticRun}: default 100,000
 * operations, node status, kill and partition faults, one planted stale read) and, when Chromium is
 * installed, how long the report and the timeline take to load and draw in headless Chromium.
 *
 * <pre>java -cp harness/target/faultline.jar io.faultline.report.bench.ReportBench [--ops N] [--runs R] [--out DIR] [--phases]</pre>
 *
 * <p>{@code --phases} first times each part on its own in the fresh JVM (pairing, each chart, the timeline).
 */
public final class ReportBench {
  private ReportBench() {}

  public static void main(String[] args) throws Exception {
    int ops = 100_000;
    int runs = 3;
    Path out = null;
    boolean phasesFirst = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--ops" -> ops = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--phases" -> phasesFirst = true;
        default -> {
          System.err.println("ReportBench: unknown argument " + args[i] + " (use --ops N --runs R --out DIR --phases)");
          System.exit(2);
        }
      }
    }
    Path root = out != null ? out : Files.createTempDirectory("faultline-report-bench-");
    Path run = Files.createDirectories(root.resolve("synthetic").resolve("20260101T000000.000"));
    List<Op> history = SyntheticRun.history(ops, 10, 42);
    try (JsonlHistoryWriter w = new JsonlHistoryWriter(run.resolve("history.jsonl"))) {
      history.forEach(w::append);
    }
    SyntheticRun.writeNodeStatus(run.resolve(ReportWriter.NODE_STATUS), history);
    Map<String, Object> test = testJson(ops);
    Files.write(run.resolve("test.json"), JsonValues.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(test));
    long c0 = System.nanoTime();
    Judgement judgement = CheckRun.judge(Workloads.byName("cas-register").orElseThrow().checkers(), history);
    long checkMs = (System.nanoTime() - c0) / 1_000_000;
    CheckRun.writeResults(run, judgement);
    System.out.printf(Locale.ROOT, "history: %d operations, %d events, %.1f s; checked in %d ms: %s%n", ops,
        history.size(), history.get(history.size() - 1).time() / 1e9, checkMs, judgement.verdict());
    if (phasesFirst) {
      phases(run, history); // cold: where a fresh JVM's time goes
    }
    for (int i = 1; i <= runs; i++) {
      long t0 = System.nanoTime();
      ReportWriter.write(run, test, judgement, history);
      System.out.printf(Locale.ROOT, "report generation run %d: %d ms%n", i, (System.nanoTime() - t0) / 1_000_000);
    }
    ReportWriter.writeRunsIndex(root);
    for (String f : List.of("index.html", "timeline.html", "latency.png", "latency-quantiles.png", "throughput.png")) {
      System.out.printf(Locale.ROOT, "  %-22s %,d bytes%n", f, Files.size(run.resolve(f)));
    }
    Optional<Path> chromium = HeadlessChromium.find();
    if (chromium.isEmpty()) {
      System.out.println("chromium: not installed; browser figures skipped (apt-get install chromium)");
    } else {
      try (HeadlessChromium browser = HeadlessChromium.start(chromium.get(), Duration.ofSeconds(30))) {
        for (int i = 1; i <= runs; i++) {
          BrowserPage page = browser.newPage(1280, 900);
          long t0 = System.nanoTime();
          page.load(run.resolve("index.html").toUri().toString(), Duration.ofSeconds(60));
          page.eval("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)");
          long indexMs = (System.nanoTime() - t0) / 1_000_000;
          t0 = System.nanoTime();
          page.load(run.resolve("timeline.html").toUri().toString(), Duration.ofSeconds(60));
          boolean drawn = page.eval("window.timelineDraws > 0").asBoolean();
          long timelineMs = (System.nanoTime() - t0) / 1_000_000;
          var times = page.eval("window.timelineTimes");
          System.out.printf(Locale.ROOT, "chromium run %d: index.html loaded with charts in %d ms; timeline.html "
              + "loaded and drawn (%s) in %d ms (in the page: drawn %.0f ms after navigation start; data parse %.0f, index %.0f,"
              + " first draw %.0f); page errors: %d%n", i, indexMs, drawn, timelineMs,
              times.path("sincePageStart").asDouble(), times.path("parse").asDouble(), times.path("index").asDouble(),
              times.path("draw").asDouble(), page.errors().size());
        }
      }
    }
    System.out.println("report: " + run.resolve("index.html"));
  }

  /** Where the time goes: each part of the report on its own, written to a scratch folder. */
  private static void phases(Path run, List<Op> history) throws IOException {
    Path scratch = Files.createDirectories(run.resolve("phases"));
    long t = System.nanoTime();
    List<io.faultline.report.CompletedOps.Pair> ops = io.faultline.report.CompletedOps.pair(history);
    List<io.faultline.report.FaultIntervals.Interval> faults = io.faultline.report.FaultIntervals.of(history);
    long pair = System.nanoTime() - t;
    long span = history.get(history.size() - 1).time();
    t = System.nanoTime();
    io.faultline.report.charts.LatencyChart.write(scratch.resolve("l.png"), ops, faults);
    long latency = System.nanoTime() - t;
    t = System.nanoTime();
    io.faultline.report.charts.QuantileChart.write(scratch.resolve("q.png"), ops, faults,
        io.faultline.report.charts.Buckets.width(span, 40, 1_000_000L));
    long quantiles = System.nanoTime() - t;
    t = System.nanoTime();
    io.faultline.report.charts.ThroughputChart.write(scratch.resolve("t.png"), ops, faults,
        io.faultline.report.charts.Buckets.width(span, 120, 1_000_000L));
    long throughput = System.nanoTime() - t;
    t = System.nanoTime();
    io.faultline.report.TimelineHtml.write(scratch.resolve("timeline.html"), "t", ops, faults, 10);
    long timeline = System.nanoTime() - t;
    System.out.printf(Locale.ROOT, "  phases: pairing %d ms, latency chart %d ms, quantile chart %d ms, throughput chart"
        + " %d ms, timeline %d ms%n", pair / 1_000_000, latency / 1_000_000, quantiles / 1_000_000,
        throughput / 1_000_000, timeline / 1_000_000);
    try (var files = Files.list(scratch)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(scratch);
  }

  static Map<String, Object> testJson(int ops) {
    Map<String, Object> test = new LinkedHashMap<>();
    test.put("test-name", "synthetic");
    test.put("system", "synthetic");
    test.put("workload", "cas-register");
    test.put("nemesis", "kill,partition");
    test.put("nodes", 5);
    test.put("concurrency", 10);
    test.put("seed", 42);
    test.put("command", "java -cp harness/target/faultline.jar io.faultline.report.bench.ReportBench --ops " + ops);
    return test;
  }
}
