package io.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.report.NodeRoles.Sample;
import io.faultline.report.NodeRoles.Segment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRolesTest {
  @TempDir Path dir;

  @Test
  void readsSamplesSkippingTornLinesAndMergesThemIntoSegments() throws Exception {
    Path file = dir.resolve("node-status.jsonl");
    Files.writeString(file, String.join("\n",
        "{\"time\":0,\"node\":\"n1\",\"role\":\"leader\",\"term\":1,\"leader\":\"n1\"}",
        "{\"time\":0,\"node\":\"n2\",\"role\":\"follower\",\"term\":1,\"leader\":\"n1\"}",
        "{\"time\":250,\"node\":\"n1\",\"role\":\"leader\",\"term\":1,\"leader\":\"n1\"}",
        "{\"time\":250,\"node\":\"n2\",\"role\":\"down\",\"term\":null,\"leader\":null}",
        "{\"time\":500,\"node\":\"n2\",\"role\":\"leader\",\"term\":1,\"leader\":\"n2\"}",
        "{\"time\":750,\"node\":\"n1\",\"ro"));
    List<Sample> samples = NodeRoles.read(file);
    assertThat(samples).hasSize(5);
    Map<String, List<Segment>> segments = NodeRoles.segments(samples, 1000);
    assertThat(segments.get("n1")).containsExactly(new Segment("n1", "leader", 0, 1000, 1L));
    assertThat(segments.get("n2")).containsExactly(new Segment("n2", "follower", 0, 250, 1L),
        new Segment("n2", "down", 250, 500, null), new Segment("n2", "leader", 500, 1000, 1L));
    assertThat(NodeRoles.leadersByTerm(samples)).containsExactly(Map.entry(1L, new TreeSet<>(List.of("n1", "n2"))));
    assertThat(NodeRoles.anyAnswered(samples)).isTrue();
    assertThat(NodeRoles.read(dir.resolve("missing.jsonl"))).isEmpty();
  }
}
