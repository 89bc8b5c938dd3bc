package io.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.bench.Corpus;
import io.faultline.checker.history.History;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every recorded history in shared/data/histories gets its MANIFEST.tsv verdict. */
class SharedHistoriesTest {

  static Stream<Corpus.Entry> entries() throws Exception {
    String shared = System.getProperty("faultline.shared", "../../shared");
    List<Corpus.Entry> all = Corpus.load(Path.of(shared));
    assertThat(all).hasSizeGreaterThan(80);
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void verdictMatchesManifest(Corpus.Entry e) throws Exception {
    History h = e.format().read(e.file(), false);
    CheckResult r = LinearizabilityChecker.builder().model(e.model())
        .timeLimit(Duration.ofSeconds(30)).build().check(h);
    Verdict expected = Verdict.valueOf(e.expected().toUpperCase(Locale.ROOT));
    assertThat(r.verdict()).as("%s: %s", e.relative(), r.details()).isEqualTo(expected);
    if (expected == Verdict.INVALID) {
      assertThat(r.details()).containsKey("failure");
    }
  }
}
