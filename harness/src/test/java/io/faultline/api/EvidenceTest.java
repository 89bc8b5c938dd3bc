package io.faultline.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.run.ReplicaAgreement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failure message (AssertJ, JUnit XML) says of the run's own checkers' anomalies. */
class EvidenceTest {
  @TempDir Path dir;

  @Test
  void aReplicaDivergenceIsNamedAndExplainedNotQuotedAsJson() throws Exception {
    Path samples = Files.write(dir.resolve("node-status.jsonl"), List.of(
        "{\"time\":1,\"node\":\"n1\",\"appliedDigests\":[{\"index\":16,\"digest\":\"aaaa\"}]}",
        "{\"time\":2,\"node\":\"n2\",\"appliedDigests\":[{\"index\":16,\"digest\":\"bbbb\"}]}"));
    CheckResult r = ReplicaAgreement.check(samples).orElseThrow();
    assertThat(Evidence.anomalies(r)).containsExactly("replicas-diverged");
    assertThat(Evidence.describe(r)).isEqualTo("at applied index 16 the replicas' digests differ, so they applied"
        + " different commands at or below it: n1 reports aaaa; n2 reports bbbb");
  }
}
