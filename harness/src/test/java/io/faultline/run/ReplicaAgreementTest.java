package io.faultline.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaAgreementTest {
  private static final String A16 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa16";
  private static final String A32 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa32";
  private static final String B32 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb32";
  private static final String A48 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa48";
  private static final String B48 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb48";

  @TempDir Path dir;

  private Path samples(String... lines) throws IOException {
    return Files.write(dir.resolve("node-status.jsonl"), List.of(lines));
  }

  private static String line(long time, String node, String digests) {
    return "{\"time\":" + time + ",\"node\":\"" + node + "\",\"role\":\"follower\",\"term\":2,\"leader\":\"n1\","
        + "\"appliedDigests\":[" + digests + "]}";
  }

  private static String at(long index, String digest) {
    return "{\"index\":" + index + ",\"digest\":\"" + digest + "\"}";
  }

  @Test
  void replicasThatReportTheSameDigestsAgreeAndWhatWasComparedIsCounted() throws IOException {
    Path f = samples(line(1_000_000_000L, "n1", at(16, A16) + "," + at(32, A32)),
        line(1_100_000_000L, "n2", at(16, A16)),
        line(1_200_000_000L, "n3", ""),
        line(1_500_000_000L, "n2", at(32, A32) + "," + at(48, A48)),
        "{\"time\":1600000000,\"node\":\"n3\",\"role\":\"down\",\"term\":null,\"leader\":null}");
    CheckResult r = ReplicaAgreement.check(f).orElseThrow();
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.details()).containsEntry("indices-compared", 2).containsEntry("checkpoints-reported", 5)
        .containsEntry("highest-index", 48L).containsEntry("nodes-reporting", List.of("n1", "n2"))
        .doesNotContainKey("anomalies").doesNotContainKey("note");
  }

  @Test
  void twoNodesWithDifferentDigestsAtOneIndexAreInvalidWithTheIndexNodesDigestsAndTimes() throws IOException {
    Path f = samples(line(1_000_000_000L, "n1", at(16, A16) + "," + at(32, A32)),
        line(1_250_000_000L, "n2", at(16, A16) + "," + at(32, B32)),
        line(1_300_000_000L, "n3", at(32, A32)),
        line(2_000_000_000L, "n1", at(48, A48)),
        line(2_100_000_000L, "n2", at(48, B48))); // still apart: counted, not reported again
    CheckResult r = ReplicaAgreement.check(f).orElseThrow();
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.details()).containsEntry("first-diverged-index", 32L).containsEntry("diverged-indices", 2);
    List<?> anomalies = (List<?>) r.details().get("anomalies");
    assertThat(anomalies).hasSize(1);
    Map<?, ?> a = (Map<?, ?>) anomalies.get(0);
    assertThat(a.get("type")).isEqualTo("replicas-diverged");
    assertThat(a.get("index")).isEqualTo(32L);
    assertThat(a.get("at-s")).isEqualTo(1.25); // when the second digest was first seen
    assertThat(a.get("digests")).isEqualTo(List.of(
        Map.of("digest", A32, "nodes", List.of("n1", "n3"), "first-reported-at-s", Map.of("n1", 1.0, "n3", 1.3)),
        Map.of("digest", B32, "nodes", List.of("n2"), "first-reported-at-s", Map.of("n2", 1.25))));
    assertThat((String) a.get("explanation")).isEqualTo("at applied index 32 the replicas' digests differ, so they"
        + " applied different commands at or below it: n1 and n3 report aaaaaaaaaaaa…; n2 reports bbbbbbbbbbbb…");
  }

  @Test
  void aLaterDisagreementBetweenOtherNodesIsReportedToo() throws IOException {
    Path f = samples(line(1, "n1", at(32, A32)), line(2, "n2", at(32, B32)), line(3, "n3", at(32, A32)),
        line(4, "n1", at(48, A48)), line(5, "n2", at(48, B48)), line(6, "n3", at(48, B48)));
    CheckResult r = ReplicaAgreement.check(f).orElseThrow();
    List<?> anomalies = (List<?>) r.details().get("anomalies");
    assertThat(anomalies.stream().map(a -> ((Map<?, ?>) a).get("index")).toList())
        .isEqualTo(List.of(32L, 48L)); // n1 and n3 first part at 48
  }

  @Test
  void aNodeThatReportsTwoDigestsForOneIndexContradictsItself() throws IOException {
    // n1 restarted and, having lost an unsynced log entry, applied something else at index 32.
    Path f = samples(line(1_000_000_000L, "n1", at(32, A32)), line(5_000_000_000L, "n1", at(32, B32)));
    CheckResult r = ReplicaAgreement.check(f).orElseThrow();
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    Map<?, ?> a = (Map<?, ?>) ((List<?>) r.details().get("anomalies")).get(0);
    assertThat((String) a.get("explanation")).contains("n1 reports aaaaaaaaaaaa…; n1 reports bbbbbbbbbbbb…")
        .contains("(n1 reported both, at different times");
    assertThat(a.get("at-s")).isEqualTo(5.0);
  }

  @Test
  void systemsThatReportNoDigestsAreNotJudged() throws IOException {
    Path f = samples("{\"time\":1,\"node\":\"n1\",\"role\":\"leader\",\"term\":3,\"leader\":\"n1\",\"ledTerms\":[3]}",
        "{\"time\":2,\"node\":\"n2\",\"role\":\"down\",\"term\":null,\"leader\":null}");
    assertThat(ReplicaAgreement.check(f)).isEmpty();
    assertThat(ReplicaAgreement.check(samples())).isEmpty();
  }

  @Test
  void aMissingSamplesFileIsUnknownNotSilentlyLeftOut() throws IOException {
    CheckResult r = ReplicaAgreement.check(dir.resolve("node-status.jsonl")).orElseThrow();
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat((String) r.details().get("reason")).startsWith("not run: node-status.jsonl is missing");
  }

  @Test
  void aLastLineCutShortByACrashIsSkippedAndNamed() throws IOException {
    Path f = samples(line(1, "n1", at(16, A16)), line(2, "n2", at(16, A16)), "{\"time\":3,\"node\":\"n3\",\"appliedDig");
    CheckResult r = ReplicaAgreement.check(f).orElseThrow();
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.details()).containsEntry("damaged-lines", List.of(3));
  }

  @Test
  void aDamagedLineBeforeTheEndMakesACleanResultUnknownWithTheLineNamed() throws IOException {
    Path f = samples(line(1, "n1", at(16, A16)),
        "{\"time\":2,\"node\":\"n2\",\"appliedDigests\":[{\"index\":\"sixteen\",\"digest\":\"" + B32 + "\"}]}",
        "not json at all",
        line(4, "n2", at(16, A16)));
    CheckResult r = ReplicaAgreement.check(f).orElseThrow();
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.details()).containsEntry("damaged-lines", List.of(2, 3)).containsEntry("indices-compared", 1);
    assertThat((String) r.details().get("reason")).contains("line(s) [2, 3]").contains("damaged");
  }

  @Test
  void aDisagreementIsInvalidEvenBesideDamagedLines() throws IOException {
    Path f = samples(line(1, "n1", at(16, A16)), "{\"appliedDigests\":5}", line(3, "n2", at(16, B32)));
    CheckResult r = ReplicaAgreement.check(f).orElseThrow();
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.details()).containsEntry("damaged-lines", List.of(2));
  }

  @Test
  void digestsNoTwoNodesReportedAtTheSameIndexAreValidButSayNothingWasCompared() throws IOException {
    Path f = samples(line(1, "n1", at(16, A16)), line(2, "n2", at(32, B32)));
    CheckResult r = ReplicaAgreement.check(f).orElseThrow();
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.details()).containsEntry("indices-compared", 0)
        .containsEntry("note", "no index was reported by two nodes, so nothing was compared");
  }
}
