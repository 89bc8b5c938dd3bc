package io.faultline.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.node.kv.KvCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalClusterTest {
  private static JsonNode status(String role, String leader) {
    var s = KvCodec.JSON.createObjectNode().put("role", role);
    s.put("leader", leader);
    return s;
  }

  private static Map<String, JsonNode> statuses(Object... idStatus) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    for (int i = 0; i < idStatus.length; i += 2) {
      m.put((String) idStatus[i], (JsonNode) idStatus[i + 1]);
    }
    return m;
  }

  @Test
  void aLeaderNeedsAMajorityOfTheWholeClusterCountingItself() {
    assertThat(LocalCluster.agreedLeader(statuses(
        "n1", status("leader", "n1"), "n2", status("follower", "n1")), 3, 2)).contains("n1");
    assertThat(LocalCluster.agreedLeader(statuses(
        "n1", status("leader", null), "n2", status("follower", "n1")), 3, 2))
        .as("a leader that leaves its own leader field empty still counts itself").contains("n1");
    assertThat(LocalCluster.agreedLeader(statuses(
        "n1", status("leader", "n1"), "n2", status("follower", "n3")), 3, 3)).isEmpty();
    assertThat(LocalCluster.agreedLeader(statuses(
        "n1", status("leader", "n1"), "n2", status("follower", "n1")), 5, 5))
        .as("two of five is no majority").isEmpty();
    assertThat(LocalCluster.agreedLeader(statuses(
        "n1", status("candidate", null), "n2", status("follower", null)), 3, 3)).isEmpty();
    assertThat(LocalCluster.agreedLeader(Map.of(), 3, 3)).isEmpty();
  }

  @Test
  void leaderlessProtocolsWaitForEveryRunningNode() {
    assertThat(LocalCluster.agreedLeader(statuses("n2", status("peer", null)), 3, 2)).isEmpty();
    assertThat(LocalCluster.agreedLeader(statuses(
        "n2", status("peer", null), "n3", status("peer", null)), 3, 2)).contains("n2");
  }
}
