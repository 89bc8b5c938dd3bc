package io.faultline.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeCrashCheckerTest {

  @Test
  void faultsTheNemesisCausedAreNotCrashes() {
    List<Op> history = List.of(
        Op.complete(0, 1_000_000_000L, Op.NEMESIS, OpType.INFO, "kill", Map.of("nodes", List.of("n1"))),
        Op.complete(1, 2_000_000_000L, Op.NEMESIS, OpType.INFO, "restart", Map.of("nodes", List.of("n1"))));
    CheckResult r = new NodeCrashChecker().check(history);
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.details()).containsEntry("crashes", 0);
  }

  @Test
  void aNodeThatExitedOnItsOwnFailsTheRunAndSaysWhyAndWhere() {
    List<Op> history = List.of(
        Op.complete(7, 34_200_000_000L, Op.NEMESIS, OpType.INFO, NodeCrashChecker.CRASHED,
            Map.of("node", "n3", "last-log-line", "safety violation: conflicting entry at committed index 12")));
    CheckResult r = new NodeCrashChecker().check(history);
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    Map<?, ?> anomaly = (Map<?, ?>) ((List<?>) r.details().get("anomalies")).get(0);
    assertThat(anomaly.get("op-index")).isEqualTo(7L);
    assertThat((String) anomaly.get("explanation"))
        .isEqualTo("n3 exited on its own 34.2 s into the run; its log ends: "
            + "safety violation: conflicting entry at committed index 12");
  }

  /** A node that halts says why and may log a line or two more; the why comes first. */
  @Test
  void theLastErrorLineIsNamedBeforeTheLinesAfterIt() {
    List<Op> history = List.of(
        Op.complete(3, 22_200_000_000L, Op.NEMESIS, OpType.INFO, NodeCrashChecker.CRASHED,
            Map.of("node", "n3", "last-log-line", "n3 WARN peer link n3->n2 lost",
                "error-log-line", "n3 ERROR raft: fatal error, halting: safety violation")));
    Map<?, ?> anomaly = (Map<?, ?>) ((List<?>) new NodeCrashChecker().check(history).details().get("anomalies")).get(0);
    assertThat((String) anomaly.get("explanation")).isEqualTo("n3 exited on its own 22.2 s into the run; its last "
        + "error: n3 ERROR raft: fatal error, halting: safety violation; its log ends: n3 WARN peer link n3->n2 lost");
  }
}
