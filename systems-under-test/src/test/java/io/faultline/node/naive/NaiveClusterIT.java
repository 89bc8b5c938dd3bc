package io.faultline.node.naive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.faultline.node.cluster.LocalCluster;
import io.faultline.node.cluster.NodeClient;
import io.faultline.node.testing.TestClusters;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three naive nodes as real processes: replication, kill -9, restart with data kept. */
class NaiveClusterIT {
  @TempDir Path dir;

  @Test
  void replicatesBestEffortSurvivesKillMinus9AndDivergesAsDesigned() throws Exception {
    try (LocalCluster cluster = TestClusters.start("naive", 3, dir)) {
      try {
        scenario(cluster);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n" + TestClusters.logs(cluster, 30), e);
      }
    }
  }

  private void scenario(LocalCluster cluster) throws Exception {
    assertThat(cluster.awaitLeader(Duration.ofSeconds(20))).isEqualTo("n1");
    try (NodeClient n1 = cluster.client("n1", 5_000)) {
      // Peer links come up asynchronously; a write before they do is simply not pushed.
      awaitLinks(cluster, n1);
      assertThat(n1.put("a", IntNode.valueOf(1)).status()).isEqualTo(200);
      awaitValue(cluster, "n2", "a", IntNode.valueOf(1));
      awaitValue(cluster, "n3", "a", IntNode.valueOf(1));

      cluster.kill("n2");
      assertThat(n1.put("b", IntNode.valueOf(2)).status()).isEqualTo(200);
      awaitValue(cluster, "n3", "b", IntNode.valueOf(2));
      cluster.start("n2");
      cluster.awaitServing("n2", Duration.ofSeconds(30));
      try (NodeClient n2 = cluster.client("n2", 5_000)) {
        assertThat(n2.get("a").value()).as("n2 recovered what it had applied").isEqualTo(IntNode.valueOf(1));
        assertThat(n2.get("b").value().isNull()).as("naive never repairs: n2 missed b for good").isTrue();
      }
    }

    // Acknowledged means fsynced: SIGKILL right after the replies loses nothing.
    try (NodeClient n3 = cluster.client("n3", 5_000)) {
      for (int i = 0; i < 50; i++) {
        assertThat(n3.put("k" + i, IntNode.valueOf(i)).status()).isEqualTo(200);
      }
    }
    cluster.kill("n3");
    cluster.start("n3");
    cluster.awaitServing("n3", Duration.ofSeconds(30));
    try (NodeClient n3 = cluster.client("n3", 5_000)) {
      for (int i = 0; i < 50; i++) {
        assertThat(n3.get("k" + i).value()).isEqualTo(IntNode.valueOf(i));
      }
      JsonNode status = n3.status().body();
      assertThat(status.get("role").asText()).isEqualTo("peer");
      assertThat(status.get("appliedIndex").asLong()).isGreaterThanOrEqualTo(52);
    }
  }

  /** Writes probe values through n1 until both peers have received one. */
  private static void awaitLinks(LocalCluster cluster, NodeClient n1) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    for (int i = 0; ; i++) {
      n1.put("probe", IntNode.valueOf(i));
      Thread.sleep(50);
      if (read(cluster, "n2", "probe").isInt() && read(cluster, "n3", "probe").isInt()) {
        return;
      }
      assertThat(System.nanoTime()).as("peer links up").isLessThan(deadline);
    }
  }

  private static void awaitValue(LocalCluster cluster, String id, String key, JsonNode expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!read(cluster, id, key).equals(expected)) {
      assertThat(System.nanoTime()).as(id + " sees " + key + "=" + expected).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static JsonNode read(LocalCluster cluster, String id, String key) throws Exception {
    try (NodeClient client = cluster.client(id, 5_000)) {
      return client.get(key).value();
    }
  }
}
