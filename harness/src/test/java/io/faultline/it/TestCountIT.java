package io.faultline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code --test-count N}: repeat the test, each run with its own seed, and stop at the first that is not valid. */
class TestCountIT {

  @Test
  void validRunsRepeatWithFreshSeedsAndTheTallySaysSo() throws Exception {
    Path results = Files.createTempDirectory(ItSupport.resultsDir("test-count-valid"), "series");
    ItSupport.CliRun run = ItSupport.cli("test", "--system", "raft", "--nodes", "3", "--nemesis", "none",
        "--time-limit", "2", "--rate", "50", "--recovery", "0", "--test-count", "2", "--results-dir", results.toString());
    assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
    assertThat(run.out()).contains("test-count: 2 of 2 runs valid");
    List<Path> runDirs;
    try (Stream<Path> dirs = Files.list(results.resolve("raft-cas-register-none"))) {
      runDirs = dirs.filter(Files::isDirectory).toList();
    }
    assertThat(runDirs).hasSize(2);
    String seed0 = String.valueOf(ItSupport.json(runDirs.get(0).resolve("test.json")).get("seed"));
    String seed1 = String.valueOf(ItSupport.json(runDirs.get(1).resolve("test.json")).get("seed"));
    assertThat(seed0).isNotEqualTo(seed1);
  }

  @Test
  void theFirstRunThatIsNotValidEndsTheSeriesWithItsRepeatCommand() throws Exception {
    Path results = ItSupport.resultsDir("test-count-invalid");
    ItSupport.CliRun run = ItSupport.cli("test", "--system", "naive", "--nemesis", "partition",
        "--nemesis-interval", "3", "--time-limit", "15", "--rate", "100", "--seed", "11", "--recovery", "1",
        "--test-count", "3", "--results-dir", results.toString());
    assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("test-count: stopped at run 1 of 3 (INVALID, after 0 valid); repeat it with: "
        + "./faultline test --system naive").contains("--seed 11");
  }
}
