package io.faultline.node.bench;

import io.faultline.node.storage.RecordLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What preallocation costs and buys a {@link RecordLog}: for each {@code preallocateBytes} (0 =
 * none; 1 MiB = fixed 1 MiB steps; larger = steps growing with the log up to it), rounds of
 * {@code --records} appends of {@code --bytes} each followed by an fsync (a lone write's path in
 * every protocol), interleaved round by round so they share the disk's moods. Prints the p50,
 * p99, mean and max of append+fsync, the worst first fsync (which flushes the first step), and the
 * file size after a clean close.
 *
 * <pre>
 * java -cp systems-under-test/target/kv-node.jar io.faultline.node.bench.RecordLogBench \
 *     [--records 20000] [--bytes 150] [--rounds 3] [--preallocate 0,1048576,16777216] [--dir DIR]
 * </pre>
 */
public final class RecordLogBench {
  private RecordLogBench() {}

  private record Options(int records, int bytes, int rounds, List<Long> steps, Path dir) {}

  public static void main(String[] args) throws IOException {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("RecordLogBench: " + e.getMessage());
      System.exit(2);
      return;
    }
    Files.createDirectories(o.dir());
    List<List<Long>> nanos = new ArrayList<>();
    long[] first = new long[o.steps().size()];
    long[] size = new long[o.steps().size()];
    o.steps().forEach(s -> nanos.add(new ArrayList<>()));
    byte[] payload = new byte[o.bytes()];
    Arrays.fill(payload, (byte) 'x');
    for (int round = 0; round < o.rounds(); round++) {
      for (int s = 0; s < o.steps().size(); s++) {
        Path file = o.dir().resolve("log-" + round + "-" + s);
        Files.deleteIfExists(file);
        try (RecordLog log = RecordLog.open(file, (off, p) -> { }, o.steps().get(s))) {
          for (int i = 0; i < o.records(); i++) {
            long t0 = System.nanoTime();
            log.append(payload);
            log.sync();
            long t = System.nanoTime() - t0;
            if (i == 0) {
              first[s] = Math.max(first[s], t);
            } else {
              nanos.get(s).add(t);
            }
          }
        }
        size[s] = Files.size(file);
        Files.delete(file);
      }
    }
    System.out.printf("%d x (%d appends of %d B, fsync each), steps interleaved%n", o.rounds(), o.records(), o.bytes());
    System.out.printf("%12s %9s %9s %9s %9s %14s %12s%n", "prealloc", "p50 ms", "p99 ms", "mean ms", "max ms",
        "worst 1st ms", "closed B");
    for (int s = 0; s < o.steps().size(); s++) {
      long[] sorted = nanos.get(s).stream().mapToLong(Long::longValue).sorted().toArray();
      double mean = Arrays.stream(sorted).average().orElse(0);
      System.out.printf("%12d %9.3f %9.3f %9.3f %9.3f %14.3f %12d%n", o.steps().get(s), sorted[sorted.length / 2] / 1e6,
          sorted[(int) (sorted.length * 0.99)] / 1e6, mean / 1e6, sorted[sorted.length - 1] / 1e6, first[s] / 1e6,
          size[s]);
    }
  }

  private static Options parse(String[] args) {
    int records = 20_000;
    int bytes = 150;
    int rounds = 3;
    List<Long> steps = List.of(0L, 1L << 20, 16L << 20);
    Path dir = Path.of("systems-under-test", "target", "bench", "recordlog-" + System.currentTimeMillis());
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String v = args[++i];
      switch (flag) {
        case "--records" -> records = positive(flag, v);
        case "--bytes" -> bytes = positive(flag, v);
        case "--rounds" -> rounds = positive(flag, v);
        case "--preallocate" -> steps = Arrays.stream(v.split(",")).map(x -> nonNegative(flag, x.trim())).toList();
        case "--dir" -> dir = Path.of(v);
        default -> throw new IllegalArgumentException("unknown flag " + flag
            + "; allowed: --records --bytes --rounds --preallocate --dir");
      }
    }
    if (records < 2) {
      throw new IllegalArgumentException("--records: at least 2, got " + records);
    }
    return new Options(records, bytes, rounds, steps, dir);
  }

  private static int positive(String flag, String value) {
    long n = nonNegative(flag, value);
    if (n == 0 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(flag + ": expected a positive integer, got '" + value + "'");
    }
    return (int) n;
  }

  private static long nonNegative(String flag, String value) {
    try {
      long n = Long.parseLong(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error
    }
    throw new IllegalArgumentException(flag + ": expected a non-negative integer, got '" + value + "'");
  }
}
