package io.faultline.node.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.faultline.node.cluster.HttpReply;
import io.faultline.node.cluster.LocalCluster;
import io.faultline.node.cluster.NodeClient;
import io.faultline.node.testing.TestClusters;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Paxos nodes as real processes on loopback: writes through every node (followers forward),
 * SIGKILL of the leader (a minority) while the rest keep serving, catch-up of the restarted node
 * by snapshot, and SIGKILL of every node at once: every acknowledged write survives.
 */
class PaxosClusterIT {
  @TempDir Path dir;

  @Test
  void survivesKillMinus9OfAMinorityAndOfEveryNode() throws Exception {
    try (LocalCluster cluster = TestClusters.start("paxos", 3, dir, "--snapshot-every", "40", "--seed", "7")) {
      try {
        scenario(cluster);
      } catch (AssertionError | Exception e) {
        throw new AssertionError(e.getMessage() + "\n" + TestClusters.logs(cluster, 40), e);
      }
    }
  }

  private final long started = System.nanoTime();

  private void phase(String what) {
    System.out.printf("[%6d ms] %s%n", (System.nanoTime() - started) / 1_000_000, what);
  }

  private void scenario(LocalCluster cluster) throws Exception {
    phase("cluster started");
    String leader = cluster.awaitLeader(Duration.ofSeconds(30));
    Map<String, Integer> acked = new ConcurrentHashMap<>();
    writeConcurrently(cluster, cluster.ids(), "a", 60, acked);
    assertThat(acked).as("writes through every node, followers forwarding").hasSize(60);

    phase("60 writes acknowledged");
    cluster.kill(leader); // SIGKILL a minority: the current leader
    List<String> survivors = new ArrayList<>(cluster.ids());
    survivors.remove(leader);
    String newLeader = cluster.awaitLeader(Duration.ofSeconds(30));
    assertThat(newLeader).isNotEqualTo(leader);
    phase("new leader " + newLeader);
    writeConcurrently(cluster, survivors, "b", 60, acked);
    assertThat(acked).as("the majority keeps serving writes").hasSize(120);
    assertAllReadable(cluster, survivors.get(0), acked);

    phase("majority served 60 more writes and reads");
    cluster.start(leader); // restarts from its data folder and catches up (snapshot + slots)
    cluster.awaitServing(leader, Duration.ofSeconds(30));
    awaitApplied(cluster, leader, 120);
    assertAllReadable(cluster, leader, acked);

    phase("restarted node caught up");
    writeConcurrently(cluster, cluster.ids(), "c", 30, acked);
    phase("30 more writes");
    for (String id : cluster.ids()) {
      cluster.kill(id); // SIGKILL everyone right after the acknowledgements
    }
    for (String id : cluster.ids()) {
      cluster.start(id);
    }
    for (String id : cluster.ids()) {
      cluster.awaitServing(id, Duration.ofSeconds(30));
    }
    cluster.awaitLeader(Duration.ofSeconds(30));
    phase("all restarted, leader elected");
    for (String id : cluster.ids()) {
      assertAllReadable(cluster, id, acked);
    }
    phase("every acknowledged write read back on every node");
  }

  /** Writes {@code count} keys spread over {@code nodes}; retries only definite failures (503). */
  private static void writeConcurrently(LocalCluster cluster, List<String> nodes, String prefix, int count,
      Map<String, Integer> acked) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String node = nodes.get(i % nodes.size());
        String key = prefix + i;
        int value = i;
        futures.add(pool.submit(() -> {
          writeUntilAcknowledged(cluster, node, key, value);
          acked.put(key, value);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void writeUntilAcknowledged(LocalCluster cluster, String node, String key, int value)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String lastError = "";
    while (System.nanoTime() < deadline) {
      try (NodeClient client = cluster.client(node, 5_000)) {
        HttpReply reply = client.put(key, IntNode.valueOf(value));
        if (reply.status() == 200) {
          return;
        }
        lastError = reply.status() + " " + reply.body();
      } catch (IOException e) {
        lastError = e.toString(); // unknown outcome; writing the same value again is harmless
      }
      Thread.sleep(100);
    }
    throw new AssertionError("write " + key + " via " + node + " never acknowledged: " + lastError);
  }

  private static void assertAllReadable(LocalCluster cluster, String node, Map<String, Integer> acked)
      throws Exception {
    try (NodeClient client = cluster.client(node, 5_000)) {
      for (Map.Entry<String, Integer> e : acked.entrySet()) {
        HttpReply reply = readWithRetry(client, e.getKey());
        assertThat(reply.value()).as("%s read via %s", e.getKey(), node).isEqualTo(IntNode.valueOf(e.getValue()));
      }
    }
  }

  /** Linearizable reads are refused (503) while no leader is confirmed; retry those only. */
  private static HttpReply readWithRetry(NodeClient client, String key) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      HttpReply reply = client.get(key);
      if (reply.status() == 200 || System.nanoTime() > deadline) {
        assertThat(reply.status()).as("read %s", key).isEqualTo(200);
        return reply;
      }
      Thread.sleep(100);
    }
  }

  private static void awaitApplied(LocalCluster cluster, String node, long atLeast) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      long applied = cluster.status(node).map(s -> s.path("appliedIndex").asLong()).orElse(-1L);
      if (applied > 0 && cluster.status(node).isPresent()) {
        long leaderApplied = cluster.ids().stream()
            .filter(cluster::isRunning)
            .mapToLong(id -> cluster.status(id).map(s -> s.path("appliedIndex").asLong()).orElse(0L))
            .max().orElse(0);
        if (applied >= leaderApplied && applied > 0) {
          return;
        }
      }
      assertThat(System.nanoTime()).as("%s caught up (applied %d, want %d writes in)", node, applied, atLeast)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
