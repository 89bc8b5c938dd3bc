package io.faultline.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Raft over five real node processes stays linearizable under partitions and kills: a short
 * cas-register run is valid, the nemesis really acted (partition and kill events in the history)
 * and the cluster really served (a good share of operations succeeded).
 */
class RaftValidIT {

  @Test
  void raftUnderPartitionAndKillIsValid() throws Exception {
    Path results = ItSupport.resultsDir("raft");
    ItSupport.CliRun run = ItSupport.cli("test", "--system", "raft", "--nemesis", "partition,kill",
        "--nemesis-interval", "3", "--time-limit", "20", "--rate", "100", "--seed", "5", "--recovery", "2",
        "--results-dir", results.toString());
    assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
    assertThat(run.out()).contains("verdict: VALID").contains("linearizable: true");

    Path runDir = results.resolve("latest").toRealPath();
    Map<String, Object> res = ItSupport.json(runDir.resolve("results.json"));
    assertThat(res.get("valid")).isEqualTo(true);
    List<Op> history = JsonlHistoryReader.read(runDir.resolve("history.jsonl")).ops();
    assertThat(history).anyMatch(op -> op.isNemesis() && op.f().equals("start-partition"));
    assertThat(history).anyMatch(op -> op.isNemesis() && op.f().equals("kill"));
    long ok = history.stream().filter(op -> !op.isNemesis() && op.type() == OpType.OK).count();
    long completed = history.stream().filter(op -> !op.isNemesis() && op.type() != OpType.INVOKE).count();
    assertThat(ok).as("ok of %d completed", completed).isGreaterThan(completed / 4);
  }
}
