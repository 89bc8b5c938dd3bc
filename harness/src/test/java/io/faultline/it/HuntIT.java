package io.faultline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code faultline hunt} from the CLI against real nodes: a correct Raft survives a short hunt
 * through two packages (every attempt valid, the tally and the hunt's own repeat command printed).
 */
class HuntIT {

  @Test
  void aCleanRaftSurvivesAShortHuntAndTheTallySaysSo() throws Exception {
    Path results = Files.createTempDirectory(ItSupport.resultsDir("hunt-clean"), "hunt");
    Path junit = results.resolve("hunt.xml");
    ItSupport.CliRun run = ItSupport.cli("hunt", "--system", "raft", "--nodes", "3", "--time-limit", "8",
        "--rate", "50", "--recovery", "3", "--packages", "crashes,leaders", "--time-budget", "55", "--seed", "3",
        "--results-dir", results.toString(), "--junit-xml", junit.toString());
    assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
    assertThat(run.out()).containsPattern("hunt: nothing found in \\d+ s: [2-9] valid and 0 unknown attempt\\(s\\)")
        .contains("repeat the hunt with: ./faultline hunt --system raft --runtime local --nodes 3")
        .contains("--time-budget 55 --packages crashes,leaders --seed 3");
    List<String> folders;
    try (Stream<Path> dirs = Files.list(results)) {
      folders = dirs.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p)).map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(folders).as("each package's runs under its own test name")
        .containsExactly("raft-cas-register-kill+pause", "raft-cas-register-partition+latency+churn");
    assertThat(Files.readString(junit)).contains("raft-cas-register-kill+pause").doesNotContain("<failure");
  }
}
