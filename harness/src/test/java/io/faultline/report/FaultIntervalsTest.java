package io.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.report.FaultIntervals.Interval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultIntervalsTest {
  static Op nemesis(long time, String f, Object value) {
    return new Op(0, time, Op.NEMESIS, OpType.INFO, f, null, value, null, null);
  }

  @Test
  void pairsStartsWithHealsOfTheirKindHealAllClosesTheRestAndOpenFaultsLastToTheEnd() {
    List<Op> h = List.of(
        nemesis(1, "kill", Map.of("target", "one", "nodes", List.of("n2"))),
        nemesis(2, "start-latency", Map.of("latency-ms", 100)),
        nemesis(3, "restart", Map.of("nodes", List.of("n2"))),
        nemesis(4, "bump-clock", Map.of("fault", Map.of("nodes", List.of("n1")), "errors", List.of("x"))),
        nemesis(5, "start-partition", Map.of("shape", "ring")),
        nemesis(6, "heal-all", null),
        nemesis(7, "pause", Map.of("nodes", List.of("n3", "n4"))),
        Op.invoke(8, 9, 0, "read", null));
    assertThat(FaultIntervals.of(h)).containsExactly(
        new Interval(1, 3, "kill", "kill n2"),
        new Interval(2, 6, "latency", "start-latency 100ms"),
        new Interval(4, 6, "clock", "bump-clock n1"),
        new Interval(5, 6, "partition", "start-partition ring"),
        new Interval(7, 9, "pause", "pause n3,n4"));
  }

  @Test
  void eachNodeThatCrashedOnItsOwnIsDownInItsOwnIntervalUntilHealed() {
    List<Op> h = List.of(
        nemesis(1, "node-crashed", Map.of("node", "n2", "last-log-line", "x")),
        nemesis(2, "node-crashed", Map.of("node", "n4", "last-log-line", "y")),
        nemesis(5, "heal-all", null));
    assertThat(FaultIntervals.of(h)).containsExactly(
        new Interval(1, 5, "node-crashed", "node-crashed n2"),
        new Interval(2, 5, "node-crashed", "node-crashed n4"));
  }
}
