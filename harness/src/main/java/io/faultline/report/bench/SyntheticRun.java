package io.faultline.report.bench;

import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded synthetic run for benchmarks and browser tests: {@code concurrency} workers issuing
 * read/write/cas on a few keys, each operation taking effect at its completion (so the history is
 * linearizable) except one read planted halfway that returns a value never written (on a key of its own) (so the
 * linearizability checker fails with a counterexample); ~20% fail, and ~2% of reads info; a kill and a
 * partition every few seconds; and node status samples every 250 ms in which the killed node is
 * down and the leader moves at each fault.
 */
public final class SyntheticRun {
  public static final long PLANTED_VALUE = 999_999L;
  /** The planted read's key, on which nothing is ever written: small, so the checker decides it at once. */
  public static final String PLANTED_KEY = "planted";
  private static final String[] NODES = {"n1", "n2", "n3", "n4", "n5"};

  private SyntheticRun() {}

  private record Planned(int process, long t0, long t1, String f, String key, OpType outcome) {}

  /** The history of {@code operations} client operations (plus nemesis events), dense indices, time order. */
  public static List<Op> history(int operations, int concurrency, long seed) {
    Random random = new Random(seed);
    long[] clock = new long[concurrency];
    int[] process = new int[concurrency];
    for (int w = 0; w < concurrency; w++) {
      process[w] = w;
      clock[w] = random.nextInt(1_000_000);
    }
    String[] fs = {"read", "write", "cas"};
    List<Planned> planned = new ArrayList<>(operations);
    for (int i = 0; i < operations; i++) {
      int w = i % concurrency;
      long latency = 200_000L + (long) (Math.abs(random.nextGaussian()) * 3_000_000L);
      if (random.nextInt(200) == 0) {
        latency += 200_000_000L; // a slow tail
      }
      int r = random.nextInt(100);
      String f = fs[random.nextInt(3)];
      // Unknown outcomes only for reads: an info write stays concurrent with everything after it and
      // would make the checker's search (not the report) the thing being measured.
      OpType outcome = r < 2 && f.equals("read") ? OpType.INFO : r < 22 ? OpType.FAIL : OpType.OK;
      planned.add(new Planned(process[w], clock[w], clock[w] + latency, f, "k" + random.nextInt(8), outcome));
      clock[w] += latency + 100_000L + random.nextInt(1_000_000);
      if (outcome == OpType.INFO) {
        process[w] += concurrency; // crashed: the worker continues as a new process
      }
    }
    // Effects in completion order: a read sees the last write or cas before its completion.
    List<Planned> byEnd = new ArrayList<>(planned);
    byEnd.sort(Comparator.comparingLong(Planned::t1));
    Map<String, Long> registers = new HashMap<>();
    Map<Planned, Object[]> values = new HashMap<>();
    java.util.Set<Planned> failedCas = new java.util.HashSet<>();
    long nextValue = 1;
    Planned plant = planned.get(planned.size() / 2);
    for (Planned p : byEnd) {
      Long current = registers.get(p.key());
      Object invokeValue;
      Object okValue;
      switch (p.f()) {
        case "read" -> {
          invokeValue = null;
          okValue = current;
        }
        case "write" -> {
          long v = nextValue++;
          invokeValue = v;
          okValue = v;
          if (p.outcome() == OpType.OK || (p.outcome() == OpType.INFO && (v & 1) == 0)) {
            registers.put(p.key(), v);
          }
        }
        default -> {
          long v = nextValue++;
          invokeValue = List.of(current == null ? 0L : current, v);
          okValue = invokeValue;
          if (p.outcome() == OpType.OK && current != null) {
            registers.put(p.key(), v);
          } else if (p.outcome() == OpType.OK) {
            failedCas.add(p); // nothing to compare with yet: the cas fails
          }
        }
      }
      values.put(p, new Object[] {invokeValue, okValue});
    }
    List<Op> events = new ArrayList<>(operations * 2 + 64);
    for (Planned p : planned) {
      Object[] v = values.get(p);
      boolean planted = p == plant;
      String f = planted ? "read" : p.f();
      Object invokeValue = planted ? null : v[0];
      OpType outcome = planted ? OpType.OK : failedCas.contains(p) ? OpType.FAIL : p.outcome();
      Object completeValue = planted ? (Object) PLANTED_VALUE : outcome == OpType.OK ? v[1] : invokeValue;
      String node = NODES[Math.floorMod(p.process(), NODES.length)];
      String key = planted ? PLANTED_KEY : p.key();
      events.add(new Op(0, p.t0(), p.process(), OpType.INVOKE, f, key, invokeValue, node, null));
      events.add(new Op(0, p.t1(), p.process(), outcome, f, key, completeValue, node,
          outcome == OpType.FAIL ? (f.equals("cas") ? "cas-mismatch" : "unavailable") : null));
    }
    long end = Arrays.stream(clock).max().orElse(0);
    for (long t = 3_000_000_000L, k = 0; t + 2_000_000_000L < end; t += 5_000_000_000L, k++) {
      String node = NODES[(int) (k % NODES.length)];
      if (k % 2 == 0) {
        events.add(new Op(0, t, Op.NEMESIS, OpType.INFO, "kill", null, Map.of("target", "one", "nodes", List.of(node)), null, null));
        events.add(new Op(0, t + 2_000_000_000L, Op.NEMESIS, OpType.INFO, "restart", null,
            Map.of("target", "one", "nodes", List.of(node)), null, null));
      } else {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("shape", "isolate-leader");
        v.put("grudge", Map.of(node, List.of("n1", "n2", "n3", "n4", "n5")));
        events.add(new Op(0, t, Op.NEMESIS, OpType.INFO, "start-partition", null, v, null, null));
        events.add(new Op(0, t + 2_000_000_000L, Op.NEMESIS, OpType.INFO, "stop-partition", null, v, null, null));
      }
    }
    events.sort(Comparator.comparingLong(Op::time));
    List<Op> history = new ArrayList<>(events.size());
    for (Op op : events) {
      history.add(op.withIndex(history.size()));
    }
    return history;
  }

  /** Writes {@code node-status.jsonl} for the history: one sample per node every 250 ms. */
  public static void writeNodeStatus(Path file, List<Op> history) throws IOException {
    long end = history.isEmpty() ? 0 : history.get(history.size() - 1).time();
    List<Op> nemesis = history.stream().filter(Op::isNemesis).toList();
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long t = 0; t <= end; t += 250_000_000L) {
        int faultsSoFar = 0;
        String down = null;
        for (Op op : nemesis) {
          if (op.time() > t) {
            break;
          }
          faultsSoFar++;
          if (op.f().equals("kill") && op.value() instanceof Map<?, ?> m && m.get("nodes") instanceof List<?> l) {
            down = String.valueOf(l.get(0));
          } else if (op.f().equals("restart")) {
            down = null;
          }
        }
        long term = 1 + faultsSoFar / 2;
        String leader = NODES[(int) ((term + 1) % NODES.length)];
        for (String node : NODES) {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("time", t + node.charAt(1) * 1_000_000L);
          line.put("node", node);
          boolean isDown = node.equals(down);
          line.put("role", isDown ? "down" : node.equals(leader) ? "leader" : "follower");
          line.put("term", isDown ? null : term);
          line.put("leader", isDown ? null : leader);
          out.write(JsonValues.mapper().writeValueAsString(line));
          out.write('\n');
        }
      }
    }
  }
}
