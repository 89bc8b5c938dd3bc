package io.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineHtmlTest {
  static final List<Op> HISTORY = List.of(
      new Op(0, 1_000, 0, OpType.INVOKE, "write", "k", 1L, "n1", null),
      new Op(1, 2_000, 1, OpType.INVOKE, "read", "k", null, "n2", null),
      new Op(2, 5_000, 0, OpType.OK, "write", "k", 1L, "n1", null),
      new Op(3, 6_000, Op.NEMESIS, OpType.INFO, "kill", null, Map.of("nodes", List.of("n2")), null, null),
      new Op(4, 9_000, 1, OpType.INFO, "read", "k", null, "n2", "timeout"),
      new Op(5, 10_000, 3, OpType.INVOKE, "cas", "k", List.of(1L, 2L), "n2", null), // process 1 crashed: now 3
      new Op(6, 12_000, Op.NEMESIS, OpType.INFO, "restart", null, Map.of("nodes", List.of("n2")), null, null));

  @Test
  void columnsHoldEveryOperationCompactlyWithWorkerLanes() throws Exception {
    JsonNode d = JsonValues.mapper().readTree(TimelineHtml.json(CompletedOps.pair(HISTORY),
        FaultIntervals.of(HISTORY), 2));
    assertThat(d.get("lanes").toString()).isEqualTo("[\"w0\",\"w1\"]");
    assertThat(d.get("fs").toString()).isEqualTo("[\"write\",\"read\",\"cas\"]");
    assertThat(d.get("lane").toString()).isEqualTo("[0,1,1]"); // process 3 runs on worker 3 mod 2 = 1
    assertThat(d.get("type").toString()).isEqualTo("[0,2,3]"); // ok, info, pending
    assertThat(d.get("t0").toString()).isEqualTo("[1,2,10]"); // microseconds
    assertThat(d.get("t1").toString()).isEqualTo("[5,9,-1]");
    assertThat(d.get("p").toString()).isEqualTo("[0,1,3]");
    assertThat(d.get("i").toString()).isEqualTo("[0,1,5]");
    assertThat(d.get("v").toString()).isEqualTo("[\"1\",\"null\",\"[1,2]\"]");
    assertThat(d.get("err").toString()).isEqualTo("[\"\",\"timeout\",\"\"]");
    assertThat(d.get("end").asLong()).isEqualTo(12);
    assertThat(d.get("faults").get(0).get(3).asText()).isEqualTo("kill n2");
  }

  @Test
  void withoutAConcurrencyEachProcessHasItsLaneAndLongValuesAreCut() throws Exception {
    String longValue = "x".repeat(1000);
    List<Op> h = List.of(new Op(0, 0, 7, OpType.INVOKE, "write", null, longValue, null, null),
        new Op(1, 1_000, 7, OpType.OK, "write", null, longValue, null, null));
    JsonNode d = JsonValues.mapper().readTree(TimelineHtml.json(CompletedOps.pair(h), List.of(), null));
    assertThat(d.get("lanes").toString()).isEqualTo("[\"p7\"]");
    assertThat(d.get("v").get(0).asText()).hasSize(TimelineHtml.MAX_VALUE_CHARS + 1).endsWith("…");
  }
}
