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

class ElectionSafetyTest {
  @TempDir Path dir;

  private Path samples(String... lines) throws IOException {
    return Files.write(dir.resolve("node-status.jsonl"), List.of(lines));
  }

  @Test
  void systemsThatDoNotReportLedTermsAreNotJudged() throws IOException {
    Path f = samples("{\"time\":1,\"node\":\"n1\",\"role\":\"leader\",\"term\":3,\"leader\":\"n1\"}",
        "{\"time\":2,\"node\":\"n2\",\"role\":\"leader\",\"term\":3,\"leader\":\"n2\"}");
    assertThat(ElectionSafety.check(f)).isEmpty();
  }

  @Test
  void aMissingSamplesFileIsUnknownNotSilentlyLeftOut() throws IOException {
    CheckResult r = ElectionSafety.check(dir.resolve("node-status.jsonl")).orElseThrow();
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.details()).containsEntry("reason", "not run: node-status.jsonl is missing from the run folder,"
        + " so whether two nodes led one term was not checked");
  }

  @Test
  void oneLeaderPerTermIsValidHoweverOftenItIsSeen() throws IOException {
    Path f = samples("{\"time\":1,\"node\":\"n1\",\"role\":\"leader\",\"term\":1,\"ledTerms\":[1]}",
        "{\"time\":2,\"node\":\"n1\",\"role\":\"leader\",\"term\":1,\"ledTerms\":[1]}",
        "{\"time\":3,\"node\":\"n2\",\"role\":\"leader\",\"term\":2,\"ledTerms\":[2]}",
        "{\"time\":4,\"node\":\"n1\",\"role\":\"follower\",\"term\":2,\"ledTerms\":[1]}");
    CheckResult r = ElectionSafety.check(f).orElseThrow();
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.details()).containsEntry("terms-led", 2);
  }

  @Test
  void twoNodesThatLedOneTermAreCaughtEvenIfNeverSampledAsLeaderTogether() throws IOException {
    // n3 led term 5 only between samples; its later status still lists it.
    Path f = samples("{\"time\":1000000000,\"node\":\"n1\",\"role\":\"leader\",\"term\":5,\"ledTerms\":[1,5]}",
        "{\"time\":1500000000,\"node\":\"n3\",\"role\":\"follower\",\"term\":5,\"ledTerms\":[5]}",
        "{\"time\":1600000000,\"node\":\"n2\",\"role\":\"fol", // cut short by a crash
        "{\"time\":2000000000,\"node\":\"n2\",\"role\":\"follower\",\"term\":5,\"ledTerms\":[]}");
    CheckResult r = ElectionSafety.check(f).orElseThrow();
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    Map<?, ?> a = (Map<?, ?>) ((List<?>) r.details().get("anomalies")).get(0);
    assertThat(a.get("term")).isEqualTo(5L);
    assertThat(a.get("leaders")).isEqualTo(List.of("n1", "n3"));
    assertThat(a.get("first-reported-at-s")).isEqualTo(Map.of("n1", 1.0, "n3", 1.5));
    assertThat((String) a.get("explanation")).startsWith("n1 and n3 were both leader of term 5");
    assertThat(ElectionSafety.leadersOf(List.of("n2", "n3", "n5"))).isEqualTo("n2, n3 and n5 were all leaders");
  }
}
