package io.faultline.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.Op;
import io.faultline.run.CheckRun;
import io.faultline.run.Judgement;
import io.faultline.workload.Workloads;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transactional anomalies through the assertions: a three-transaction read skew (T2 sees T1's
 * append to y but not its append to x; T3 then sees both) is G-single to the list-append checker.
 */
class TxnAnomalyAssertTest {

  @Test
  void readSkewIsGSingleAndTheMessageExplainsTheCycle() throws Exception {
    List<Op> ops;
    try (var in = new InputStreamReader(getClass().getResourceAsStream("read-skew-g-single.jsonl"),
        StandardCharsets.UTF_8)) {
      ops = JsonlHistoryReader.read("read-skew-g-single.jsonl", in).ops();
    }
    Judgement j = CheckRun.judge(Workloads.byName("list-append").orElseThrow().checkers(), ops);
    TestResult result = new TestResult("read-skew", j.verdict(), j.results(), Path.of("/runs/read-skew"), "cmd",
        Duration.ZERO);

    FaultlineAssertions.assertThat(result).isInvalid().hasAnomaly("G-single").hasCheckerResult("list-append", false)
        .doesNotHaveAnomaly("G1c");
    assertThatThrownBy(() -> FaultlineAssertions.assertThat(result).isValid())
        .hasMessageContaining("list-append: INVALID")
        .hasMessageContaining("G-single: ")
        .hasMessageContaining("T1")
        .hasMessageContaining("report: /runs/read-skew/index.html");
  }
}
