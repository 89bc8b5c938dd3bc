package io.faultline.checker.bench;

import io.faultline.checker.gen.RandomHistoryGenerator;
import io.faultline.checker.history.History;
import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.JsonlHistoryWriter;
import io.faultline.checker.history.Op;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Benchmark: how fast the readers read, with every check they make. Writes a generated history of
 * {@code --ops} operations as JSON Lines to a temporary file and times {@link JsonlHistoryReader}
 * on it, then times reading every recorded history in shared/data/histories; warm-up rounds first,
 * best and median of the timed rounds printed. Run (see checkers/README.md):
 *
 * <pre>java -cp ... io.faultline.checker.bench.HistoryReadBench [--shared DIR] [--ops N] [--rounds N]</pre>
 *
 * This is the outermost shell, so it reads the system clock directly.
 */
public final class HistoryReadBench {
  private HistoryReadBench() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(System.getProperty("faultline.shared", "../shared"));
    int operations = 1_000_000;
    int rounds = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--shared" -> shared = Path.of(args[++i]);
        case "--ops" -> operations = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(3);
        }
      }
    }
    System.out.printf("cores=%d maxHeap=%d MiB java=%s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    Path file = Files.createTempFile("faultline-read-bench", ".jsonl");
    try {
      List<Op> ops = RandomHistoryGenerator.generate(
          new RandomHistoryGenerator.Config(42, 1000, 10, operations, 0.05, true, 0.0));
      try (JsonlHistoryWriter w = new JsonlHistoryWriter(file)) {
        ops.forEach(w::append);
      }
      long bytes = Files.size(file);
      double[] ms = time(rounds, () -> JsonlHistoryReader.read(file).size());
      System.out.printf("jsonl: %,d records, %.1f MiB: best %.0f ms, median %.0f ms (%.0f MiB/s, %.2f M records/s)%n",
          ops.size(), bytes / 1048576.0, ms[0], ms[1], bytes / 1048576.0 / (ms[0] / 1000), ops.size() / ms[0] / 1000);
    } finally {
      Files.deleteIfExists(file);
    }
    List<Corpus.Entry> entries = Corpus.load(shared);
    double[] ms = time(rounds, () -> {
      int n = 0;
      for (Corpus.Entry e : entries) {
        History h = e.format().read(e.file(), false);
        n += h.size();
      }
      return n;
    });
    System.out.printf("recorded: %d files: best %.1f ms, median %.1f ms%n", entries.size(), ms[0], ms[1]);
  }

  private interface Read {
    int run() throws Exception;
  }

  /** {best, median} of {@code rounds} timed runs in ms, after as many untimed ones. */
  private static double[] time(int rounds, Read read) throws Exception {
    double[] t = new double[rounds];
    long sink = 0;
    for (int i = 0; i < rounds; i++) {
      sink += read.run();
    }
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      sink += read.run();
      t[i] = (System.nanoTime() - t0) / 1e6;
    }
    java.util.Arrays.sort(t);
    if (sink == 42) {
      System.out.print(""); // keeps the reads from being optimised away
    }
    return new double[] {t[0], t[rounds / 2]};
  }
}
