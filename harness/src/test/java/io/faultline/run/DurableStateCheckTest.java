package io.faultline.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableStateCheckTest {
  @TempDir Path dir;

  private CheckResult check(String... lines) throws Exception {
    Path file = dir.resolve("node-status.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return DurableStateCheck.check(file).orElseThrow();
  }

  private static String sample(long timeMs, String node, long term, String vote) {
    return "{\"time\":" + timeMs * 1_000_000 + ",\"node\":\"" + node + "\",\"role\":\"follower\",\"term\":" + term
        + ",\"leader\":null,\"durableTerm\":" + term + ",\"durableVote\":" + (vote == null ? "null" : "\"" + vote + "\"") + "}";
  }

  private static String down(long timeMs, String node) {
    return "{\"time\":" + timeMs * 1_000_000 + ",\"node\":\"" + node + "\",\"role\":\"down\",\"term\":null,\"leader\":null}";
  }

  @Test
  void termsThatOnlyGrowAndVotesGivenOncePerTermAreValid() throws Exception {
    CheckResult r = check(sample(0, "n1", 0, null), sample(0, "n2", 0, null), sample(250, "n1", 1, null),
        sample(300, "n1", 1, "n2"), down(500, "n1"), sample(900, "n1", 1, "n2"), sample(1000, "n1", 2, "n1"),
        sample(1000, "n2", 2, "n1"));
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.details()).containsEntry("samples", 7).containsEntry("nodes", 2);
  }

  @Test
  void aTermLostAcrossARestartIsInvalidWithBothSamplesNamed() throws Exception {
    CheckResult r = check(sample(0, "n1", 3, "n1"), sample(200, "n1", 4, "n3"), down(400, "n1"),
        sample(1500, "n1", 3, "n1"), sample(1750, "n1", 3, "n1"));
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.details()).containsEntry("regressions", 1)
        .containsEntry("anomaly-types", List.of("durable-term-went-back"));
    Map<?, ?> anomaly = (Map<?, ?>) ((List<?>) r.details().get("anomalies")).get(0);
    assertThat(anomaly.get("node")).isEqualTo("n1");
    assertThat(((Map<?, ?>) anomaly.get("before")).get("term")).isEqualTo(4L);
    assertThat(((Map<?, ?>) anomaly.get("after")).get("line")).isEqualTo(4);
    assertThat(String.valueOf(anomaly.get("explanation"))).contains("n1 reported durable term 4 at 0.2 s and term 3 at 1.5 s");
  }

  @Test
  void aSecondVoteInOneTermOrAVoteForgottenIsInvalid() throws Exception {
    CheckResult changed = check(sample(0, "n2", 5, "n1"), sample(250, "n2", 5, "n3"));
    assertThat(changed.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(changed.details()).containsEntry("anomaly-types", List.of("durable-vote-changed"));
    CheckResult forgotten = check(sample(0, "n2", 5, "n1"), down(250, "n2"), sample(900, "n2", 5, null));
    assertThat(forgotten.verdict()).isEqualTo(Verdict.INVALID);
  }

  @Test
  void notApplicableWithoutDurableTermsAndUnknownWhenTheFileIsMissingOrDamagedMidway() throws Exception {
    Path file = dir.resolve("node-status.jsonl");
    Files.writeString(file, down(0, "n1") + "\n{\"time\":1,\"node\":\"n1\",\"role\":\"peer\",\"term\":0,\"leader\":null}\n");
    assertThat(DurableStateCheck.check(file)).isEmpty();
    assertThat(DurableStateCheck.check(dir.resolve("missing.jsonl")).orElseThrow().verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(check(sample(0, "n1", 1, null), "{\"time\":2,\"node", sample(300, "n1", 1, null)).verdict())
        .as("a damaged line before the end may have held the regression").isEqualTo(Verdict.UNKNOWN);
    assertThat(check(sample(0, "n1", 1, null), sample(300, "n1", 1, null), "{\"time\":2,\"node").verdict())
        .as("only the last line cut: a dying harness").isEqualTo(Verdict.VALID);
    assertThat(check(sample(0, "n1", 2, null), "{\"time\":2,\"node\":\"n1\",\"durableTerm\":\"two\"}",
        sample(300, "n1", 1, null)).verdict()).as("a regression found elsewhere is invalid regardless")
        .isEqualTo(Verdict.INVALID);
  }
}
