package io.faultline.node.paxos;

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
