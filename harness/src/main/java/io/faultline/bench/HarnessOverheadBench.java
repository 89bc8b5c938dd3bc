package io.faultline.bench;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.client.KeepAliveHttp;
import io.faultline.client.KvOpClient;
import io.faultline.generator.Gens;
import io.faultline.run.ClientWorkers;
import io.faultline.run.HistoryRecorder;
import io.faultline.workload.CasRegisterWorkload;
import io.faultline.workload.ClientKind;
import io.faultline.workload.WorkloadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Harness-overhead benchmark: how many operations per second the harness can generate, perform over
 * HTTP and record (streamed to a real history.jsonl) against a trivial in-process endpoint, and how
 * much latency that path adds over a bare request loop on the same connection type.
 *
 * <p>Run: {@code java -cp harness/target/faultline.jar io.faultline.bench.HarnessOverheadBench
 * [seconds=10] [concurrency=8] [spin]}; {@code spin} keeps one core busy (see {@link #startSpinner}).
 */
public final class HarnessOverheadBench {
  private HarnessOverheadBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    boolean spin = args.length > 2 && args[2].equals("spin");
    if (spin) {
      startSpinner();
    }
    Path dir = Files.createTempDirectory("faultline-bench");
    try (TrivialKvEndpoint endpoint = new TrivialKvEndpoint()) {
      // Warm up both paths so the JIT has compiled them before measuring.
      harness(endpoint.port(), concurrency, 2, dir.resolve("warmup.jsonl"));
      bare(endpoint.port(), 2);
      double[] bare = bare(endpoint.port(), seconds);
      double[] h = harness(endpoint.port(), concurrency, seconds, dir.resolve("history.jsonl"));
      System.out.printf("bare request loop (1 connection): %.0f req/s, p50 %.1f us, p99 %.1f us%n", bare[0], bare[1], bare[2]);
      System.out.printf("harness (%d workers, generator+client+recorder): %.0f ops/s, p50 %.1f us, p99 %.1f us, history %d bytes%n",
          concurrency, h[0], h[1], h[2], (long) h[3]);
      double[] one = harness(endpoint.port(), 1, Math.max(2, seconds / 2), dir.resolve("one.jsonl"));
      System.out.printf("harness (1 worker): %.0f ops/s, p50 %.1f us; latency added over the bare loop: p50 %+.1f us%n",
          one[0], one[1], one[1] - bare[1]);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Keeps one core busy for the whole run. On an otherwise idle machine a strict one-connection
   * ping-pong measures how fast sleeping threads wake (idle CPUs: ~300 µs per exchange here)
   * rather than the request path; the harness path, with its writer thread, is hurt less, so the
   * two are comparable only when neither waits for an idle core to wake.
   */
  private static void startSpinner() {
    Thread t = new Thread(() -> {
      while (true) {
        Thread.onSpinWait(); // busy, never parked: the core never goes idle
      }
    }, "bench-spinner");
    t.setDaemon(true);
    t.start();
  }

  /** ops/s, p50 µs, p99 µs, history bytes. */
  private static double[] harness(int port, int concurrency, int seconds, Path history) throws Exception {
    HistoryRecorder recorder = new HistoryRecorder(history, System::nanoTime);
    ClientWorkers workers = new ClientWorkers(concurrency, 1, List.of("n1"),
        (process, node) -> new KvOpClient(ClientKind.REGISTER, new KeepAliveHttp("127.0.0.1", port, 5_000),
            msg -> System.err.println("bench: " + msg)), recorder);
    var gen = Gens.timeLimit(seconds * 1_000_000_000L,
        new CasRegisterWorkload().operations(WorkloadOptions.defaults(concurrency)));
    long start = System.nanoTime();
    workers.runPhase("bench", gen);
    double elapsed = (System.nanoTime() - start) / 1e9;
    recorder.close();
    List<Op> ops = recorder.snapshot();
    Map<Integer, Long> open = new HashMap<>();
    long[] lat = new long[ops.size() / 2 + 1];
    int n = 0;
    for (Op op : ops) {
      if (op.type() == OpType.INVOKE) {
        open.put(op.process(), op.time());
      } else {
        lat[n++] = op.time() - open.remove(op.process());
      }
    }
    long[] sorted = Arrays.copyOf(lat, n);
    Arrays.sort(sorted);
    return new double[] {n / elapsed, sorted[n / 2] / 1e3, sorted[(int) (n * 0.99)] / 1e3, Files.size(history)};
  }

  /** req/s, p50 µs, p99 µs of a bare GET loop on one keep-alive connection. */
  private static double[] bare(int port, int seconds) throws IOException {
    try (KeepAliveHttp http = new KeepAliveHttp("127.0.0.1", port, 5_000)) {
      long[] lat = new long[4_000_000];
      int n = 0;
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      long now = start;
      while (now < end && n < lat.length) {
        http.exchange("GET", "/kv/k0", null);
        long t = System.nanoTime();
        lat[n++] = t - now;
        now = t;
      }
      long[] sorted = Arrays.copyOf(lat, n);
      Arrays.sort(sorted);
      return new double[] {n / ((now - start) / 1e9), sorted[n / 2] / 1e3, sorted[(int) (n * 0.99)] / 1e3};
    }
  }
}
