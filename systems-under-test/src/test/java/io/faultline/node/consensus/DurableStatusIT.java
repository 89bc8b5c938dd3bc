package io.faultline.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.node.cluster.LocalCluster;
import io.faultline.node.testing.TestClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code durableTerm}/{@code durableVote} in {@code GET /admin/status} on real processes: the
 * leader reports the term (Raft) or promise round (Paxos) it won with as durable, and after
 * SIGKILL of every node each one, restarted from its data folder, reports at least what it had
 * reported before — in the same term the same vote. The harness's durable-state checker fails a
 * run when this goes back; this test shows it does not on the correct nodes, fsync and all.
 */
class DurableStatusIT {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"raft", "paxos"})
  void whatANodeReportsAsDurableSurvivesSigkillOfEveryNode(String protocol) throws Exception {
    try (LocalCluster cluster = TestClusters.start(protocol, 3, dir, "--seed", "5")) {
      try {
        String leader = cluster.awaitLeader(Duration.ofSeconds(30));
        JsonNode leaderStatus = cluster.status(leader).orElseThrow();
        assertThat(leaderStatus.get("durableTerm").asLong()).as("the leader's win is durable: " + leaderStatus)
            .isEqualTo(leaderStatus.get("term").asLong()).isPositive();
        if (protocol.equals("raft")) {
          assertThat(leaderStatus.get("durableVote").asText()).as("a Raft leader voted for itself").isEqualTo(leader);
        }
        Map<String, JsonNode> before = new HashMap<>();
        for (String id : cluster.ids()) {
          before.put(id, cluster.status(id).orElseThrow());
        }
        for (String id : cluster.ids()) {
          cluster.kill(id);
        }
        for (String id : cluster.ids()) {
          cluster.start(id);
        }
        for (String id : cluster.ids()) {
          cluster.awaitServing(id, Duration.ofSeconds(30));
          JsonNode after = firstStatus(cluster, id);
          long was = before.get(id).get("durableTerm").asLong();
          long is = after.get("durableTerm").asLong();
          assertThat(is).as(id + " durable term after restart (before: " + before.get(id) + ", after: " + after + ")")
              .isGreaterThanOrEqualTo(was);
          if (is == was && !before.get(id).get("durableVote").isNull()) {
            assertThat(after.get("durableVote")).as(id + " kept its vote in term " + was)
                .isEqualTo(before.get(id).get("durableVote"));
          }
        }
      } catch (AssertionError | Exception e) {
        throw new AssertionError(e.getMessage() + "\n" + TestClusters.logs(cluster, 30), e);
      }
    }
  }

  private static JsonNode firstStatus(LocalCluster cluster, String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Optional<JsonNode> s = cluster.status(id);
      if (s.isPresent() && s.get().has("durableTerm")) {
        return s.get();
      }
      assertThat(System.nanoTime()).as(id + " reports a durable term after restart").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
