package io.faultline.node.bench;

import com.fasterxml.jackson.databind.node.IntNode;
import io.faultline.node.cluster.HttpReply;
import io.faultline.node.cluster.LocalCluster;
import io.faultline.node.cluster.NodeClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * Throughput/latency benchmark of a real N-node cluster over HTTP: starts the node processes on
 * loopback, waits for a leader, warms up, then for each mix (puts; linearizable gets; 50/50) and
 * each concurrency drives the leader with that many keep-alive connections for a fixed time and
 * prints ops/s, p50 and p99. Non-200 answers count as errors, not as throughput. {@code --protocol
 * etcd} runs the same steps against a 3-member etcd (the anchor of the Raft issue), so both can be
 * measured in the same minute on the same disk.
 *
 * <pre>
 * java -cp systems-under-test/target/kv-node.jar io.faultline.node.bench.KvBench \
 *     --protocol naive|raft|paxos|etcd [--nodes 3] [--seconds 10] [--warmup 40] [--concurrency 1,16,64,256]
 *     [--mixes put,get,mixed] [--keys 1000] [--jar PATH] [--dir DIR] [--node-arg FLAG]... [--seed N]
 * </pre>
 */
public final class KvBench {
  private KvBench() {}

  private record Options(String protocol, int nodes, int seconds, int warmup, List<Integer> concurrency,
      List<String> mixes, int keys, Path jar, Path dir, List<String> nodeArgs, long seed) {}

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("kv-bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    Files.createDirectories(o.dir());
    if (o.protocol().equals("etcd")) {
      try (EtcdBenchCluster etcd = new EtcdBenchCluster(o.nodes(), o.dir())) {
        String leader = etcd.awaitLeader(Duration.ofSeconds(60));
        run(new Target(etcd::client, EtcdBenchCluster::put, EtcdBenchCluster::get), leader, o);
      }
      return;
    }
    try (LocalCluster cluster = new LocalCluster(o.jar(), o.protocol(), o.nodes(), o.dir(), o.nodeArgs(),
        LocalCluster.defaultJvmArgs())) {
      cluster.startAll();
      String leader = cluster.awaitLeader(Duration.ofSeconds(60));
      run(new Target(cluster::client, NodeClient::put, NodeClient::get), leader, o);
    }
  }

  /** What a benchmark step drives: our KV nodes, or the etcd anchor through its JSON gateway. */
  private record Target(Clients clients, Write write, Read read) {}

  private interface Clients {
    NodeClient client(String member, int timeoutMs);
  }

  private interface Write {
    HttpReply put(NodeClient client, String key, com.fasterxml.jackson.databind.JsonNode value) throws IOException;
  }

  private interface Read {
    HttpReply get(NodeClient client, String key) throws IOException;
  }

  private static void run(Target cluster, String leader, Options o) throws IOException, InterruptedException {
    System.out.printf(Locale.ROOT, "protocol=%s nodes=%d leader=%s step=%ds logs=%s%n",
        o.protocol(), o.nodes(), leader, o.seconds(), o.dir());
    // JIT warm-up of every node (and the client) on both paths; figures before it are meaningless.
    step(cluster, leader, "mixed", 16, o.warmup(), o);
    double[] fsync = FsyncProbe.measure(o.dir(), 200);
    System.out.printf(Locale.ROOT, "disk: append+fsync p50 %.2f ms, p99 %.2f ms (idle cluster, this moment)%n",
        fsync[0], fsync[1]);
    System.out.printf(Locale.ROOT, "%-6s %5s %10s %9s %9s %7s%n", "mix", "conc", "ops/s", "p50 ms", "p99 ms", "errors");
    for (String mix : o.mixes()) {
      for (int c : o.concurrency()) {
        LatencyRecorder.Summary s = step(cluster, leader, mix, c, o.seconds(), o);
        System.out.printf(Locale.ROOT, "%-6s %5d %10.0f %9.2f %9.2f %7d%n",
            mix, c, s.opsPerSecond(), s.p50Ms(), s.p99Ms(), s.errors());
      }
    }
  }

  private static LatencyRecorder.Summary step(Target cluster, String leader, String mix, int concurrency,
      int seconds, Options o) throws InterruptedException {
    List<LatencyRecorder> recorders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch ready = new CountDownLatch(concurrency);
    long[] window = new long[2];
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < concurrency; t++) {
      LatencyRecorder recorder = new LatencyRecorder();
      recorders.add(recorder);
      Random random = new Random(o.seed() * 1_000_003L + t);
      Thread thread = new Thread(() -> {
        try (NodeClient client = cluster.clients().client(leader, 10_000)) {
          ready.countDown();
          go.await();
          long end = window[1];
          for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            String key = "k" + random.nextInt(o.keys());
            boolean write = mix.equals("put") || (mix.equals("mixed") && random.nextBoolean());
            try {
              HttpReply reply = write
                  ? cluster.write().put(client, key, IntNode.valueOf(random.nextInt()))
                  : cluster.read().get(client, key);
              if (reply.ok()) {
                recorder.record(System.nanoTime() - now);
              } else {
                recorder.error();
              }
            } catch (IOException e) {
              recorder.error();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "bench-" + t);
      threads.add(thread);
      thread.start();
    }
    ready.await();
    window[0] = System.nanoTime();
    window[1] = window[0] + seconds * 1_000_000_000L;
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - window[0]) / 1e9;
    return LatencyRecorder.summarise(recorders, Math.max(elapsed, seconds));
  }

  private static Options parse(String[] args) {
    String protocol = "naive";
    int nodes = 3;
    int seconds = 10;
    int warmup = 40; // on two cores C2 is still compiling after 10-15 s (see the README)
    List<Integer> concurrency = List.of(1, 16, 64, 256);
    List<String> mixes = List.of("put", "get", "mixed");
    int keys = 1_000;
    Path jar = Path.of("systems-under-test", "target", "kv-node.jar");
    Path dir = null;
    List<String> nodeArgs = new ArrayList<>();
    long seed = 1;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String v = args[++i];
      switch (flag) {
        case "--protocol" -> protocol = v;
        case "--nodes" -> nodes = positive(flag, v);
        case "--seconds" -> seconds = positive(flag, v);
        case "--warmup" -> warmup = positive(flag, v);
        case "--concurrency" -> concurrency = Arrays.stream(v.split(",")).map(c -> positive(flag, c.trim())).toList();
        case "--mixes" -> {
          mixes = Arrays.stream(v.split(",")).map(String::trim).toList();
          for (String m : mixes) {
            if (!List.of("put", "get", "mixed").contains(m)) {
              throw new IllegalArgumentException("--mixes: unknown mix '" + m + "'; allowed: put, get, mixed");
            }
          }
        }
        case "--keys" -> keys = positive(flag, v);
        case "--jar" -> jar = Path.of(v);
        case "--dir" -> dir = Path.of(v);
        case "--node-arg" -> nodeArgs.add(v);
        case "--seed" -> seed = positive(flag, v);
        default -> throw new IllegalArgumentException("unknown flag " + flag
            + "; allowed: --protocol --nodes --seconds --warmup --concurrency --mixes --keys --jar --dir --node-arg --seed");
      }
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("--jar: " + jar + " not found (mvn -pl systems-under-test package)");
    }
    if (dir == null) {
      dir = Path.of("systems-under-test", "target", "bench", protocol + "-" + System.currentTimeMillis());
    }
    return new Options(protocol, nodes, seconds, warmup, concurrency, mixes, keys, jar, dir, nodeArgs, seed);
  }

  private static int positive(String flag, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error
    }
    throw new IllegalArgumentException(flag + ": expected a positive integer, got '" + value + "'");
  }
}
