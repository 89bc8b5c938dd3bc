package io.faultline.node.raft;

import static io.faultline.node.testing.ClusterWrites.assertAllReadable;
import static io.faultline.node.testing.ClusterWrites.writeConcurrently;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.node.cluster.LocalCluster;
import io.faultline.node.testing.TestClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Raft clusters of real processes on loopback: writes through every node (followers forward),
 * SIGKILL of a minority that includes the leader while the rest keep serving, catch-up of the
 * restarted nodes (by snapshot: the log is compacted every 40 entries), then SIGKILL of every
 * node at once and restart: every acknowledged write is read back, linearizably, on every node.
 */
class RaftClusterIT {
  @TempDir Path dir;
  private final long started = System.nanoTime();

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {3, 5})
  void survivesKillMinus9OfAMinorityAndOfEveryNode(int nodes) throws Exception {
    try (LocalCluster cluster =
        TestClusters.start("raft", nodes, dir, "--snapshot-every", "40", "--seed", "11")) {
      try {
        scenario(cluster, nodes);
      } catch (AssertionError | Exception e) {
        throw new AssertionError(e.getMessage() + "\n" + TestClusters.logs(cluster, 40), e);
      }
    }
  }

  private void phase(String what) {
    System.out.printf("[%6d ms] %s%n", (System.nanoTime() - started) / 1_000_000, what);
  }

  private void scenario(LocalCluster cluster, int nodes) throws Exception {
    String leader = cluster.awaitLeader(Duration.ofSeconds(30));
    phase("leader " + leader);
    // The leader's status lists the term it leads (what the harness's election-safety check reads).
    var status = cluster.status(leader).orElseThrow();
    assertThat(status.get("ledTerms").toString()).contains(status.get("term").asText());
    Map<String, Integer> acked = new ConcurrentHashMap<>();
    writeConcurrently(cluster, cluster.ids(), "a", 60, acked);
    assertThat(acked).hasSize(60);

    // Kill a minority (the leader and, with 5 nodes, one follower) with SIGKILL.
    List<String> killed = new ArrayList<>(List.of(leader));
    for (String id : cluster.ids()) {
      if (killed.size() < (nodes - 1) / 2 && !killed.contains(id)) {
        killed.add(id);
      }
    }
    killed.forEach(cluster::kill);
    List<String> survivors = new ArrayList<>(cluster.ids());
    survivors.removeAll(killed);
    String newLeader = cluster.awaitLeader(Duration.ofSeconds(30));
    assertThat(killed).doesNotContain(newLeader);
    phase("killed " + killed + ", new leader " + newLeader);
    writeConcurrently(cluster, survivors, "b", 60, acked);
    assertThat(acked).as("the majority keeps serving writes").hasSize(120);
    assertAllReadable(cluster, survivors.get(0), acked);

    for (String id : killed) {
      cluster.start(id);
      cluster.awaitServing(id, Duration.ofSeconds(30));
    }
    for (String id : killed) {
      awaitCaughtUp(cluster, id);
      assertAllReadable(cluster, id, acked);
    }
    phase("restarted nodes caught up");

    writeConcurrently(cluster, cluster.ids(), "c", 30, acked);
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
    for (String id : cluster.ids()) {
      assertAllReadable(cluster, id, acked);
    }
    phase("all killed and restarted: every acknowledged write read back on every node");
  }

  /** Writes {@code count} keys spread over {@code nodes}; retries until acknowledged. */
  private static void awaitCaughtUp(LocalCluster cluster, String node) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      long applied = cluster.status(node).map(s -> s.path("appliedIndex").asLong()).orElse(-1L);
      long best =
          cluster.ids().stream()
              .filter(cluster::isRunning)
              .mapToLong(id -> cluster.status(id).map(s -> s.path("commitIndex").asLong()).orElse(0L))
              .max()
              .orElse(0);
      if (applied > 0 && applied >= best) {
        return;
      }
      assertThat(System.nanoTime()).as("%s caught up (applied %d of %d)", node, applied, best).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
