package io.faultline.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.Op;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The naive store (write to every node, read locally) must be caught: a short cas-register test
 * under partitions against five real node processes ends invalid, with the operations that prove
 * it, and {@code analyze} of the stored run reaches the same verdict.
 */
class NaiveCaughtIT {

  @Test
  void naiveUnderPartitionIsInvalidAndAnalyzeAgrees() throws Exception {
    Path results = ItSupport.resultsDir("naive");
    ItSupport.CliRun run = ItSupport.cli("test", "--system", "naive", "--nemesis", "partition",
        "--nemesis-interval", "3", "--time-limit", "15", "--rate", "100", "--seed", "11", "--recovery", "1",
        "--results-dir", results.toString());
    assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("verdict: INVALID").contains("linearizable: false");

    Path runDir = results.resolve("latest").toRealPath();
    Map<String, Object> res = ItSupport.json(runDir.resolve("results.json"));
    assertThat(res.get("valid")).isEqualTo(false);
    Map<?, ?> lin = (Map<?, ?>) ((Map<?, ?>) res.get("checkers")).get("linearizable");
    assertThat(lin.get("valid")).isEqualTo(false);
    assertThat(lin.toString()).contains("key"); // the evidence names the key and its operations

    List<Op> history = JsonlHistoryReader.read(runDir.resolve("history.jsonl")).ops();
    assertThat(history).anyMatch(op -> op.isNemesis() && op.f().equals("start-partition"));
    assertThat(history).anyMatch(op -> op.isNemesis() && op.f().equals("heal-all"));
    assertThat(Files.readString(runDir.resolve("index.html"))).contains("INVALID").contains("--seed 11");
    assertThat(Files.size(runDir.resolve("latency.png"))).isGreaterThan(1000);
    assertThat(Files.readString(results.resolve("index.html"))).contains(runDir.getFileName().toString());
    for (String n : List.of("n1", "n2", "n3", "n4", "n5")) {
      assertThat(runDir.resolve("nodes").resolve(n).resolve("node.log")).isRegularFile();
    }

    Files.delete(runDir.resolve("results.json"));
    ItSupport.CliRun again = ItSupport.cli("analyze", runDir.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(ItSupport.json(runDir.resolve("results.json")).get("valid")).isEqualTo(false);
  }
}
