package io.faultline.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.faultline.node.cluster.LocalCluster;
import io.faultline.node.cluster.NodeClient;
import io.faultline.node.testing.TestClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The digest chain across snapshots on real processes: a follower that was down while the log
 * was compacted catches up (Raft: by InstallSnapshot) and then reports the same digests as the
 * others at the same indices; after SIGKILL of every node and restart (own snapshot + log
 * replay) every chain continues and still agrees. Checks that Raft (with its no-ops) and Paxos
 * hand the state machine dense indices: a hole would stop the chain and leave a node silent.
 */
class AppliedDigestsIT {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"raft", "paxos"})
  void chainsAgreeAcrossCatchUpBySnapshotAndRestartOfEveryNode(String protocol) throws Exception {
    try (LocalCluster cluster = TestClusters.start(protocol, 3, dir, "--snapshot-every", "20", "--seed", "3")) {
      try {
        String leader = cluster.awaitLeader(Duration.ofSeconds(30));
        String lagging = cluster.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        cluster.kill(lagging);
        writes(cluster, leader, "a", 100);
        cluster.start(lagging);
        cluster.awaitServing(lagging, Duration.ofSeconds(30));
        writes(cluster, cluster.awaitLeader(Duration.ofSeconds(30)), "b", 40);
        Map<String, Map<Long, String>> first = awaitSameHighestCheckpoint(cluster);
        assertThat(first.get(lagging)).as("the node that caught up reports its own checkpoints").isNotEmpty();
        assertThat(java.nio.file.Files.readString(cluster.logFile(lagging))).as("caught up by a snapshot")
            .containsAnyOf("raft: installed the leader's snapshot", "paxos: installed a peer snapshot");
        assertAgree(first);

        for (String id : cluster.ids()) {
          cluster.kill(id);
        }
        for (String id : cluster.ids()) {
          cluster.start(id);
        }
        writes(cluster, cluster.awaitLeader(Duration.ofSeconds(30)), "c", 40);
        Map<String, Map<Long, String>> after = awaitSameHighestCheckpoint(cluster);
        assertAgree(after);
        for (String id : cluster.ids()) {
          long highest = ((TreeMap<Long, String>) after.get(id)).lastKey();
          assertThat(highest).as(id + " continued its chain past the restart").isGreaterThan(
              ((TreeMap<Long, String>) first.get(id)).lastKey());
          first.get(id).forEach((index, digest) -> {
            if (after.get(id).containsKey(index)) {
              assertThat(after.get(id).get(index)).as(id + " at " + index + " before and after restart").isEqualTo(digest);
            }
          });
        }
      } catch (AssertionError | Exception e) {
        throw new AssertionError(e.getMessage() + "\n" + TestClusters.logs(cluster, 30), e);
      }
    }
  }

  /** {@code count} puts through {@code node}, each retried (bounded) until it is acknowledged. */
  private static void writes(LocalCluster cluster, String node, String prefix, int count) throws Exception {
    try (NodeClient client = cluster.client(node, 5_000)) {
      for (int i = 0; i < count; i++) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
          int status;
          try {
            status = client.put(prefix + i % 7, IntNode.valueOf(i)).status();
          } catch (java.io.IOException e) {
            status = -1;
          }
          if (status == 200) {
            break;
          }
          assertThat(System.nanoTime()).as("put %s%d acknowledged (last answer %d)", prefix, i, status).isLessThan(deadline);
          Thread.sleep(100);
        }
      }
    }
  }

  /**
   * Every node's reported checkpoints once all report the same highest index (bounded wait). A
   * node that caught up by a snapshot reports only checkpoints of indices it applied itself, past
   * the snapshot's index; when the snapshot landed beyond the others' last checkpoint, nobody
   * reaches a common one without more writes, so each round that is still apart adds a
   * checkpoint's worth (16 writes) through the leader.
   */
  private static Map<String, Map<Long, String>> awaitSameHighestCheckpoint(LocalCluster cluster) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int round = 0;
    while (true) {
      Map<String, Map<Long, String>> byNode = new HashMap<>();
      for (String id : cluster.ids()) {
        cluster.status(id).ifPresent(s -> {
          assertThat(s.has("appliedDigestsChained")).as(id + ": chain broken: " + s).isFalse();
          TreeMap<Long, String> m = new TreeMap<>();
          for (JsonNode d : s.get("appliedDigests")) {
            m.put(d.get("index").asLong(), d.get("digest").asText());
          }
          byNode.put(id, m);
        });
      }
      List<Long> highest = byNode.values().stream()
          .map(m -> m.isEmpty() ? -1L : ((TreeMap<Long, String>) m).lastKey()).distinct().toList();
      if (byNode.size() == cluster.ids().size() && highest.size() == 1 && highest.get(0) > 0) {
        return byNode;
      }
      assertThat(System.nanoTime()).as("all nodes at one highest checkpoint: %s", byNode).isLessThan(deadline);
      if (++round % 20 == 0) { // two seconds apart
        writes(cluster, cluster.awaitLeader(Duration.ofSeconds(30)), "d", 16);
      }
      Thread.sleep(100);
    }
  }

  private static void assertAgree(Map<String, Map<Long, String>> byNode) {
    Map<Long, String> seen = new HashMap<>();
    byNode.forEach((id, checkpoints) -> checkpoints.forEach((index, digest) -> {
      String other = seen.putIfAbsent(index, digest);
      assertThat(other == null || other.equals(digest)).as("%s at %d: %s vs %s (%s)", id, index, digest, other, byNode)
          .isTrue();
    }));
  }
}
