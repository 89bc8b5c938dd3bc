package io.faultline.checker.bench;

import io.faultline.checker.CheckResult;
import io.faultline.checker.gen.RandomHistoryGenerator;
import io.faultline.checker.history.History;
import io.faultline.checker.history.Op;
import io.faultline.checker.linear.LinearizabilityChecker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark: times the checker on every recorded history (after warm-up) and on generated
 * histories, and prints the figures. Run (see checkers/README.md):
 *
 * <pre>java -cp ... io.faultline.checker.bench.LinearizabilityBench [--shared DIR] [--warmup N]
 *     [--summary] [--no-generated]</pre>
 *
 * This is the outermost shell, so it reads the system clock directly.
 */
public final class LinearizabilityBench {
  private LinearizabilityBench() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(System.getProperty("faultline.shared", "../shared"));
    int warmup = 5;
    boolean perFile = true;
    boolean generated = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--shared" -> shared = Path.of(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--summary" -> perFile = false;
        case "--no-generated" -> generated = false;
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(3);
        }
      }
    }
    System.out.printf("cores=%d maxHeap=%d MiB java=%s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    recorded(shared, warmup, perFile);
    if (generated) {
      manyKeys();
      singleKey();
    }
  }

  private static void recorded(Path shared, int warmup, boolean perFile) throws Exception {
    List<Corpus.Entry> entries = Corpus.load(shared);
    List<History> histories = new ArrayList<>();
    long readStart = System.nanoTime();
    for (Corpus.Entry e : entries) {
      histories.add(e.format().read(e.file(), false));
    }
    System.out.printf("read %d recorded histories in %.1f ms%n", entries.size(), ms(System.nanoTime() - readStart));
    for (int round = 0; round < warmup; round++) {
      for (int i = 0; i < entries.size(); i++) {
        checker(entries.get(i)).check(histories.get(i));
      }
    }
    Map<String, double[]> groups = new LinkedHashMap<>(); // group -> {ms, files, mismatches}
    double slowest = 0;
    String slowestName = "";
    for (int i = 0; i < entries.size(); i++) {
      Corpus.Entry e = entries.get(i);
      LinearizabilityChecker c = checker(e);
      long t0 = System.nanoTime();
      CheckResult r = c.check(histories.get(i));
      double took = ms(System.nanoTime() - t0);
      boolean ok = r.verdict().name().equalsIgnoreCase(e.expected());
      String group = e.relative().substring(0, e.relative().indexOf('/', e.relative().indexOf('/') + 1));
      double[] g = groups.computeIfAbsent(group, k -> new double[3]);
      g[0] += took;
      g[1]++;
      g[2] += ok ? 0 : 1;
      if (took > slowest) {
        slowest = took;
        slowestName = e.relative();
      }
      if (perFile) {
        System.out.printf("  %-55s %-8s %8.2f ms%s%n", e.relative(), r.verdict(), took, ok ? "" : "  MISMATCH");
      }
    }
    double total = 0;
    for (Map.Entry<String, double[]> g : groups.entrySet()) {
      double[] v = g.getValue();
      total += v[0];
      System.out.printf("%-28s files=%3d total=%8.2f ms  mean=%6.3f ms  verdict mismatches=%d%n",
          g.getKey(), (int) v[1], v[0], v[0] / v[1], (int) v[2]);
    }
    System.out.printf("recorded total: %.2f ms for %d files (slowest %s: %.2f ms)%n", total, entries.size(), slowestName, slowest);
  }

  private static LinearizabilityChecker checker(Corpus.Entry e) {
    return LinearizabilityChecker.builder().model(e.model()).timeLimit(Duration.ofSeconds(60)).build();
  }

  private static void manyKeys() {
    var cfg = new RandomHistoryGenerator.Config(42, 1000, 10, 1_000_000, 0.05, true, 0.0);
    long t0 = System.nanoTime();
    List<Op> ops = RandomHistoryGenerator.generate(cfg);
    double gen = ms(System.nanoTime() - t0);
    LinearizabilityChecker c = LinearizabilityChecker.builder()
        .model(io.faultline.checker.model.Models.byName("cas-register"))
        .timeLimit(Duration.ofSeconds(60)).build();
    c.check(RandomHistoryGenerator.generate(new RandomHistoryGenerator.Config(1, 100, 10, 100_000, 0.05, true, 0.0)));
    long t1 = System.nanoTime();
    CheckResult r = c.check(ops);
    double check = ms(System.nanoTime() - t1);
    System.out.printf("generated 1,000,000 ops / 1000 keys / 10 procs per key / 5%% info: %d records, "
        + "generated in %.0f ms, checked in %.0f ms -> %s (memo entries %s)%n",
        ops.size(), gen, check, r.verdict(), r.details().get("memo-entries"));
  }

  private static void singleKey() {
    for (int operations : new int[] {2_000, 100_000}) {
      var cfg = new RandomHistoryGenerator.Config(7, 1, 20, operations, 0.05, true, 0.0);
      List<Op> ops = RandomHistoryGenerator.generate(cfg);
      long budget = 512L << 20;
      LinearizabilityChecker c = LinearizabilityChecker.builder()
          .model(io.faultline.checker.model.Models.byName("cas-register"))
          .timeLimit(Duration.ofSeconds(10)).memoryBudget(budget).build();
      Runtime rt = Runtime.getRuntime();
      System.gc();
      long before = rt.totalMemory() - rt.freeMemory();
      long t0 = System.nanoTime();
      CheckResult r = c.check(ops);
      double took = ms(System.nanoTime() - t0);
      long after = rt.totalMemory() - rt.freeMemory();
      Object progress = r.details().containsKey("undecided")
          ? r.details().get("reason") + ", furthest " + r.details().get("undecided")
          : "memo entries " + r.details().get("memo-entries");
      System.out.printf("single key, %,d ops / 20 procs / 5%% info, budget 10 s + %d MiB: %s in %.0f ms "
          + "(heap grew %d MiB; %s)%n", operations, budget >> 20, r.verdict(), took,
          Math.max(0, after - before) >> 20, progress);
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
