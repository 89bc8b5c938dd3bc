package io.faultline.checker.txn;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.history.Op;
import io.faultline.checker.txn.TxnHistoryGenerator.Config;
import io.faultline.checker.txn.TxnHistoryGenerator.PlantedFault;
import io.faultline.checker.txn.TxnHistoryGenerator.Workload;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark command: generates a random history and times the check. Prints one line per run.
 *
 * <pre>
 * java -cp checkers/target/classes:$(deps) io.faultline.checker.txn.TxnCheckBench \
 *   [--workload list-append|rw-register] [--txns 100000] [--keys 1000] [--processes 20]
 *   [--ops 4] [--seed 1] [--runs 3] [--fault NONE|CYCLE|...]
 * </pre>
 */
public final class TxnCheckBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private TxnCheckBench() {}

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  public static void main(String[] args) {
    Workload workload = Workload.LIST_APPEND;
    int txns = 100_000;
    int keys = 1_000;
    int processes = 20;
    int ops = 4;
    long seed = 1;
    int runs = 3;
    PlantedFault fault = PlantedFault.NONE;
    double staleFraction = 0;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        usage("flag " + flag + " needs a value");
      }
      String value = args[++i];
      try {
        switch (flag) {
          case "--workload" -> workload = value.equals("rw-register") ? Workload.RW_REGISTER
              : value.equals("list-append") ? Workload.LIST_APPEND
              : usage("--workload must be list-append or rw-register, got " + value);
          case "--txns" -> txns = Integer.parseInt(value);
          case "--keys" -> keys = Integer.parseInt(value);
          case "--processes" -> processes = Integer.parseInt(value);
          case "--ops" -> ops = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--runs" -> runs = Integer.parseInt(value);
          case "--fault" -> fault = PlantedFault.valueOf(value.toUpperCase(Locale.ROOT));
          case "--stale-fraction" -> staleFraction = Double.parseDouble(value);
          default -> usage("unknown flag " + flag);
        }
      } catch (IllegalArgumentException e) {
        usage("bad value for " + flag + ": " + value);
      }
    }
    Config config = new Config(workload, txns, processes, keys, ops, 0.02, 0.02, fault);
    long start = System.nanoTime();
    List<Op> history = TxnHistoryGenerator.generate(config, seed);
    if (staleFraction > 0) {
      history = staleReads(history, staleFraction, new java.util.Random(seed));
    }
    System.out.printf(Locale.ROOT, "generated %s history: %d txns, %d ops, %d keys, %d processes"
        + " in %.2f s%n", workload, txns, history.size(), keys, processes,
        (System.nanoTime() - start) / 1e9);
    for (int run = 1; run <= runs; run++) {
      Checker checker = workload == Workload.LIST_APPEND ? new ListAppendChecker()
          : new RwRegisterChecker();
      System.gc();
      long gcBefore = gcMillis();
      long cpuBefore = THREADS.getCurrentThreadCpuTime();
      start = System.nanoTime();
      CheckResult result = checker.check(history);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
      System.out.printf(Locale.ROOT, "run %d: %s checked in %.2f s wall, %.2f s checker-thread "
          + "CPU, %.2f s GC: valid=%s anomalies=%s stats=%s%n", run, checker.name(), seconds,
          cpu, (gcMillis() - gcBefore) / 1e3, result.verdict().toJson(),
          result.details().get("anomaly-types"), result.details().get("stats"));
    }
  }

  /**
   * A badly broken store: each list read of an ok txn is, with probability {@code fraction},
   * cut back to a random prefix. Gives dense anomalies and giant strongly connected components.
   */
  private static List<Op> staleReads(List<Op> history, double fraction,
      java.util.Random random) {
    List<Op> out = new java.util.ArrayList<>(history.size());
    for (Op op : history) {
      if (op.type() != io.faultline.checker.history.OpType.OK
          || !(op.value() instanceof List<?> ops)) {
        out.add(op);
        continue;
      }
      List<Object> changed = new java.util.ArrayList<>();
      for (Object micro : ops) {
        List<?> m = (List<?>) micro;
        if ("r".equals(m.get(0)) && m.get(2) instanceof List<?> read && !read.isEmpty()
            && random.nextDouble() < fraction) {
          changed.add(java.util.Arrays.asList("r", m.get(1),
              List.copyOf(read.subList(0, random.nextInt(read.size())))));
        } else {
          changed.add(micro);
        }
      }
      out.add(new Op(op.index(), op.time(), op.process(), op.type(), op.f(), op.key(), changed,
          op.node(), op.error()));
    }
    return out;
  }

  private static Workload usage(String problem) {
    System.err.println("TxnCheckBench: " + problem);
    System.exit(2);
    return null;
  }
}
