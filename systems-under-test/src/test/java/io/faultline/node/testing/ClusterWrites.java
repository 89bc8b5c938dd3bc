package io.faultline.node.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.faultline.node.cluster.HttpReply;
import io.faultline.node.cluster.LocalCluster;
import io.faultline.node.cluster.NodeClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes and reads for the cluster integration tests of every protocol: concurrent writes retried
 * until acknowledged, then every acknowledged value read back (the durability promise under
 * SIGKILL). Shared so the Raft and Paxos tests hold their protocols to the same procedure.
 */
public final class ClusterWrites {
  private ClusterWrites() {}

  /** Writes {@code prefix0..prefix(count-1)} through {@code nodes} in turn, 8 at a time; records each acknowledged value. */
  public static void writeConcurrently(
      LocalCluster cluster, List<String> nodes, String prefix, int count, Map<String, Integer> acked)
      throws Exception {
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

  static void writeUntilAcknowledged(LocalCluster cluster, String node, String key, int value) throws Exception {
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

  /** Every acknowledged value reads back through {@code node}. */
  public static void assertAllReadable(LocalCluster cluster, String node, Map<String, Integer> acked)
      throws Exception {
    try (NodeClient client = cluster.client(node, 5_000)) {
      for (Map.Entry<String, Integer> e : acked.entrySet()) {
        HttpReply reply = readWithRetry(client, e.getKey());
        assertThat(reply.value()).as("%s read via %s", e.getKey(), node).isEqualTo(IntNode.valueOf(e.getValue()));
      }
    }
  }

  /** A read is refused (503) or times out while no leader is confirmed; retry those only. */
  static HttpReply readWithRetry(NodeClient client, String key) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      HttpReply reply;
      try {
        reply = client.get(key);
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        continue;
      }
      if (reply.status() == 200 || System.nanoTime() > deadline) {
        assertThat(reply.status()).as("read %s: %s", key, reply.body()).isEqualTo(200);
        return reply;
      }
      Thread.sleep(100);
    }
  }
}
