package io.faultline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A harness killed with SIGKILL in the middle of a run leaves a run folder whose history simply
 * stops: a partition never healed, no final reads. {@code analyze} of it must say the run did not
 * finish and what it never reached, and must not call it valid; what was recorded is kept.
 */
class KilledRunAnalyzedIT {

  @Test
  void analyzeOfARunWhoseHarnessWasKilledSaysItIsIncompleteAndNeverValid() throws Exception {
    Path results = Files.createTempDirectory(ItSupport.resultsDir("harness-killed"), "run");
    Process harness = ItSupport.cliProcessStart("test", "--nemesis", "partition", "--nemesis-interval", "2",
        "--time-limit", "60", "--seed", "3", "--results-dir", results.toString());
    Path runDir = null;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        runDir = newestRun(results);
        if (runDir != null && Files.isRegularFile(runDir.resolve("history.jsonl"))
            && Files.readString(runDir.resolve("history.jsonl")).contains("start-partition")) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(runDir).as("a run that got as far as a partition").isNotNull();
      assertThat(Files.readString(runDir.resolve("history.jsonl"))).contains("start-partition");
    } finally {
      harness.destroyForcibly(); // SIGKILL: no shutdown hook runs
      harness.waitFor(10, TimeUnit.SECONDS);
      if (runDir != null) {
        killNodesOf(runDir);
      }
    }
    long recordedLines = Files.readAllLines(runDir.resolve("history.jsonl")).size();

    ItSupport.CliRun analyze = ItSupport.cli("analyze", runDir.toString());
    assertThat(analyze.exitCode()).as(analyze.out()).isEqualTo(2);
    assertThat(analyze.out()).contains("verdict: UNKNOWN").contains("run-complete: unknown")
        .contains("the run did not finish").contains("never recorded: the main phase ended");
    assertThat(Files.readAllLines(runDir.resolve("history.jsonl"))).hasSize((int) recordedLines);
  }

  private static Path newestRun(Path results) throws IOException {
    Path test = results.resolve("raft-cas-register-partition");
    if (!Files.isDirectory(test)) {
      return null;
    }
    try (Stream<Path> runs = Files.list(test)) {
      return runs.filter(Files::isDirectory).max(Path::compareTo).orElse(null);
    }
  }

  /** The node processes of this run (their command line names its folder), which a killed harness left behind. */
  private static void killNodesOf(Path runDir) throws IOException {
    String marker = runDir.toAbsolutePath().toString();
    List<ProcessHandle> nodes = new ArrayList<>();
    ProcessHandle.allProcesses().forEach(p -> {
      if (p.info().arguments().map(args -> String.join(" ", args).contains(marker)).orElse(false)) {
        nodes.add(p);
      }
    });
    for (ProcessHandle p : nodes) {
      p.destroyForcibly();
    }
    for (ProcessHandle p : nodes) {
      p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join();
    }
  }

}
