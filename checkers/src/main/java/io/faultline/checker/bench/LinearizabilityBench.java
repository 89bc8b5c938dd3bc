package io.faultline.checker.bench;

import io.faultline.checker.CheckResult;
import io.faultline.checker.gen.CrashedKeyHistory;
import io.faultline.checker.gen.RandomHistoryGenerator;
import io.faultline.checker.history.History;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.checker.linear.LinearizabilityChecker;
import io.faultline.checker.model.Models;
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
 *     [--summary] [--no-generated] [--only crash-heavy|generated]</pre>
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
    String only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--shared" -> shared = Path.of(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--summary" -> perFile = false;
        case "--no-generated" -> generated = false;
        case "--only" -> {
          only = args[++i];
          if (!only.equals("crash-heavy") && !only.equals("generated")) {
            System.err.println("--only takes crash-heavy or generated, got " + only);
            System.exit(3);
          }
        }
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(3);
        }
      }
    }
    System.out.printf("cores=%d maxHeap=%d MiB java=%s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    if (only == null) {
      recorded(shared, warmup, perFile);
    }
    if (only == null || only.equals("crash-heavy")) {
      crashHeavy(warmup);
    }
    if (generated && (only == null || only.equals("generated"))) {
      manyKeys();
      singleKey();
    }
  }

  /**
   * The crash-heavy shapes: the undecided key (74 of 100 operations crashed, final read of
   * nil) and its invalid variants; a run shaped like the (98 keys, 11-101 operations,
   * five of them crash-heavy) checked as a whole under one 60 s budget on all cores and key by
   * key; and crash-heavy single keys from the generator.
   */
  private static void crashHeavy(int warmup) {
    LinearizabilityChecker c = LinearizabilityChecker.builder().model(Models.byName("cas-register"))
        .timeLimit(Duration.ofSeconds(60)).build();
    List<Op> key = CrashedKeyHistory.generate(7004, 74, 26, 5, null);
    List<Op> unwritten = CrashedKeyHistory.generate(7004, 74, 26, 5, 7L);
    List<Op> impossible = new ArrayList<>(CrashedKeyHistory.generate(7004, 74, 26, 5, 1L));
    int reader = impossible.get(impossible.size() - 1).process() + 1;
    impossible.add(Op.invoke(impossible.size(), impossible.size(), reader, "read", null));
    impossible.add(Op.complete(impossible.size(), impossible.size(), reader, OpType.OK, "read", null));
    timeRuns("crashed key (100 ops: 74 crashed, 26 failed, final read nil)", c, key, warmup);
    timeRuns("  same, final read 7 (never written)", c, unwritten, warmup);
    timeRuns("  same, reads 1 then nil (impossible order)", c, impossible, warmup);

    List<Op> run = raftLikeRun();
    Map<Object, List<Op>> byKey = new LinkedHashMap<>();
    for (Op op : run) {
      byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    }
    for (int pass = 1; pass <= 2; pass++) { // the first pass runs cold
      long t0 = System.nanoTime();
      CheckResult whole = c.check(run);
      double wholeMs = ms(System.nanoTime() - t0);
      double slowest = 0;
      Object slowestKey = null;
      for (Map.Entry<Object, List<Op>> e : byKey.entrySet()) {
        List<Op> ops = new ArrayList<>();
        for (Op op : e.getValue()) {
          ops.add(op.withIndex(ops.size()));
        }
        long k0 = System.nanoTime();
        CheckResult r = c.check(ops);
        double took = ms(System.nanoTime() - k0);
        if (r.verdict() != io.faultline.checker.Verdict.VALID) {
          System.out.printf("  key %s: %s%n", e.getKey(), r.verdict());
        }
        if (took > slowest) {
          slowest = took;
          slowestKey = e.getKey();
        }
      }
      System.out.printf("run like seed 7004, pass %d (%d keys, %d records): whole run %s in %.1f ms (%s of %d keys "
          + "proven); key by key, slowest key %s: %.2f ms%n", pass, byKey.size(), run.size(), whole.verdict(),
          wholeMs, whole.details().get("linearizable-partitions"), byKey.size(), slowestKey, slowest);
    }

    for (double stale : new double[] {0.0, 0.01}) {
      List<Op> ops = RandomHistoryGenerator.generate(
          RandomHistoryGenerator.Config.crashHeavy(11, 1, 20, 10_000, 0.6, stale));
      long s0 = System.nanoTime();
      CheckResult r = c.check(ops);
      System.out.printf("single key, 10,000 ops / 20 procs / 60%% info / values 0..2 / 60%% CAS, stale reads %.0f%%: "
          + "%s in %.0f ms (memo entries %s, set aside %s)%n", stale * 100, r.verdict(),
          ms(System.nanoTime() - s0), r.details().get("memo-entries"), r.details().get("set-aside-operations"));
    }
  }

  /** The first run cold, then the best of {@code warmup} more. */
  private static void timeRuns(String what, LinearizabilityChecker c, List<Op> ops, int warmup) {
    long t0 = System.nanoTime();
    CheckResult r = c.check(ops);
    double first = ms(System.nanoTime() - t0);
    double best = first;
    for (int i = 0; i < warmup; i++) {
      long t = System.nanoTime();
      c.check(ops);
      best = Math.min(best, ms(System.nanoTime() - t));
    }
    System.out.printf("%-60s %-7s first %.1f ms, best of %d more %.2f ms%n", what, r.verdict(), first, warmup, best);
  }

  /**
   * 98 keys: 93 generated keys of 11 to 75 operations with 30 % crashed, and five keys of 11 to
   * 101 operations where nearly every operation crashed (the crashed key among them), each
   * ending with an ok read of nil.
   */
  private static List<Op> raftLikeRun() {
    List<Op> run = new ArrayList<>();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7004);
    int processBase = 0;
    for (int k = 0; k < 98; k++) {
      List<Op> part;
      if (k % 20 == 7) { // five crash-heavy keys
        int size = k == 87 ? 100 : 10 + rnd.nextInt(65);
        int crashed = Math.max(1, size * 3 / 4);
        part = CrashedKeyHistory.generate(7004 + k, crashed, size - crashed, 5, null);
      } else {
        part = RandomHistoryGenerator.generate(new RandomHistoryGenerator.Config(7004 + k, 1, 5,
            11 + rnd.nextInt(65), 0.3, true, 0.0));
      }
      int maxProcess = 0;
      for (Op op : part) {
        run.add(new Op(run.size(), op.time(), op.process() + processBase, op.type(), op.f(), (long) k,
            op.value(), null, op.error()));
        maxProcess = Math.max(maxProcess, op.process());
      }
      processBase += maxProcess + 1;
    }
    return run;
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
        .model(Models.byName("cas-register"))
        .timeLimit(Duration.ofSeconds(60)).build();
    c.check(RandomHistoryGenerator.generate(new RandomHistoryGenerator.Config(1, 100, 10, 100_000, 0.05, true, 0.0)));
    long t1 = System.nanoTime();
    CheckResult r = c.check(ops);
    double check = ms(System.nanoTime() - t1);
    System.out.printf("generated 1,000,000 ops / 1000 keys / 10 procs per key / 5%% info: %d records, "
        + "generated in %.0f ms, checked in %.0f ms -> %s (memo entries %s)%n",
        ops.size(), gen, check, r.verdict(), r.details().get("memo-entries"));
    for (int threads : new int[] {Runtime.getRuntime().availableProcessors(), 1}) {
      LinearizabilityChecker again = LinearizabilityChecker.builder().model(Models.byName("cas-register"))
          .timeLimit(Duration.ofSeconds(60)).parallelism(threads).build();
      StringBuilder times = new StringBuilder();
      for (int run = 0; run < 4; run++) {
        long t = System.nanoTime();
        again.check(ops);
        times.append(String.format(" %.0f", ms(System.nanoTime() - t)));
      }
      System.out.printf("  the same history checked 4 more times on %d thread(s), ms:%s%n", threads, times);
    }
  }

  private static void singleKey() {
    for (int operations : new int[] {2_000, 100_000}) {
      var cfg = new RandomHistoryGenerator.Config(7, 1, 20, operations, 0.05, true, 0.0);
      List<Op> ops = RandomHistoryGenerator.generate(cfg);
      long budget = 512L << 20;
      LinearizabilityChecker c = LinearizabilityChecker.builder()
          .model(Models.byName("cas-register"))
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
