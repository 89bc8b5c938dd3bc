package io.faultline.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.history.JsonValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeStatusSamplerTest {
  @TempDir Path dir;

  @Test
  void writesOneLinePerSampleOnTheGivenClockWithDownForNoAnswer() throws Exception {
    Path file = dir.resolve("node-status.jsonl");
    AtomicLong clock = new AtomicLong(5_000);
    Map<String, Optional<Map<String, Object>>> answers = Map.of(
        "n1", Optional.of(Map.of("id", "n1", "role", "leader", "term", 3, "leader", "n1", "commitIndex", 7)),
        "n2", Optional.empty());
    try (NodeStatusSampler s = new NodeStatusSampler(file, List.of("n1", "n2"), answers::get, clock::get, ms -> { }, 250)) {
      s.sampleOnce("n1");
      clock.set(9_000);
      s.sampleOnce("n2");
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).containsExactly(
        "{\"time\":5000,\"node\":\"n1\",\"role\":\"leader\",\"term\":3,\"leader\":\"n1\"}",
        "{\"time\":9000,\"node\":\"n2\",\"role\":\"down\",\"term\":null,\"leader\":null}");
    assertThat(JsonValues.mapper().readTree(lines.get(0)).get("time").asLong()).isEqualTo(5000);
  }

  @Test
  void keepsTheTermsANodeReportsHavingLed() {
    Map<String, Object> line = NodeStatusSampler.line(1, "n1",
        Map.of("role", "follower", "term", 4, "ledTerms", List.of(1, 3)));
    assertThat(line).containsEntry("ledTerms", List.of(1, 3));
    assertThat(NodeStatusSampler.line(1, "n1", Map.of("role", "peer", "term", 0))).doesNotContainKey("ledTerms");
  }

  @Test
  void eachLineCarriesOnlyTheDigestCheckpointsNotYetWrittenForThatNode() throws Exception {
    Path file = dir.resolve("node-status.jsonl");
    java.util.concurrent.atomic.AtomicReference<List<Object>> digests = new java.util.concurrent.atomic.AtomicReference<>(
        List.of(Map.of("index", 16, "digest", "aa"), Map.of("index", 32, "digest", "bb")));
    try (NodeStatusSampler s = new NodeStatusSampler(file, List.of("n1", "n2"),
        node -> node.equals("n1") ? Optional.of(Map.of("role", "leader", "term", 1, "appliedDigests", digests.get()))
            : Optional.of(Map.of("role", "follower", "term", 1)),
        () -> 1L, ms -> { }, 250)) {
      s.sampleOnce("n1");
      s.sampleOnce("n2");
      digests.set(List.of(Map.of("index", 32, "digest", "bb"), Map.of("index", 48, "digest", "cc"),
          Map.of("index", "bad", "digest", "dd")));
      s.sampleOnce("n1");
      s.sampleOnce("n1");
      digests.set(List.of(Map.of("index", 32, "digest", "ee"))); // restarted, applied something else at 32
      s.sampleOnce("n1");
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).endsWith("\"appliedDigests\":[{\"index\":16,\"digest\":\"aa\"},{\"index\":32,\"digest\":\"bb\"}]}");
    assertThat(lines.get(1)).doesNotContain("appliedDigests");
    assertThat(lines.get(2)).endsWith("\"appliedDigests\":[{\"index\":48,\"digest\":\"cc\"}]}");
    assertThat(lines.get(3)).endsWith("\"appliedDigests\":[]}");
    assertThat(lines.get(4)).endsWith("\"appliedDigests\":[{\"index\":32,\"digest\":\"ee\"}]}");
  }

  @Test
  void aNodeThatNeverAnswersDelaysNeitherTheOthersNorClose() throws Exception {
    Path file = dir.resolve("node-status.jsonl");
    CountDownLatch never = new CountDownLatch(1);
    NodeStatusSampler sampler = new NodeStatusSampler(file, List.of("paused", "n2"), node -> {
      if (node.equals("paused")) {
        try {
          never.await(); // a SIGSTOPped node whose client has no timeout: the worst case
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Optional.empty();
      }
      return Optional.of(Map.of("role", "follower", "term", 1));
    }, System::nanoTime, ms -> {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, 5).start();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (Files.readAllLines(file).size() < 5 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    long t0 = System.nanoTime();
    sampler.close();
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3_000);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.size()).isGreaterThanOrEqualTo(5);
    assertThat(lines).allMatch(l -> l.contains("\"node\":\"n2\"") || l.contains("\"node\":\"paused\""));
    assertThat(lines.stream().filter(l -> l.contains("\"node\":\"n2\"")).count()).isGreaterThanOrEqualTo(5);
  }
}
