package io.faultline.checker.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeReversalTest {

  @Test
  void timeRunningBackwardsBetweenOperationsIsAWarningWithBothLines() throws Exception {
    History h = History.of("h.jsonl", List.of(
        Op.invoke(0, 100, 0, "read", null),
        Op.invoke(1, 300, 1, "read", null),
        Op.complete(2, 200, 0, OpType.OK, "read", 1L), // before line 2's time, after its own invocation
        Op.complete(3, 250, 1, OpType.OK, "read", 1L))); // before its own invocation: an error
    assertThatThrownBy(() -> Pairing.validate(h)).hasMessage("h.jsonl:4: ok 'read' of process 1 has time 250,"
        + " earlier than its invocation's 300 at line 2 (an operation cannot complete before it is invoked)");

    History fine = History.of("h.jsonl", List.of(
        Op.invoke(0, 100, 0, "read", null),
        Op.invoke(1, 300, 1, "read", null),
        Op.complete(2, 200, 0, OpType.OK, "read", 1L),
        Op.complete(3, 400, 1, OpType.OK, "read", 1L),
        Op.invoke(4, 350, 0, "read", null)));
    Pairing.validate(fine);
    TimeReversal r = TimeReversal.find(fine).orElseThrow();
    assertThat(r).isEqualTo(new TimeReversal("h.jsonl", 3, 200, 2, 300, 2));
    assertThat(r.message()).isEqualTo("h.jsonl:3: time 200 is earlier than line 2's 300"
        + " (time runs backwards at 2 records); file order is taken as real-time order");
  }

  @Test
  void untimedRecordsAreNotCompared() throws Exception {
    BitSet untimed = new BitSet();
    untimed.set(1);
    History h = new History("h.edn", List.of(Op.invoke(0, 500, 0, "read", null),
        Op.complete(1, 0, 0, OpType.OK, "read", 1L)), new int[] {1, 2}, untimed);
    Pairing.validate(h);
    assertThat(TimeReversal.find(h)).isEmpty();
    assertThat(TimeReversal.find(History.of("h", List.of(Op.invoke(0, 1, 0, "read", null),
        Op.complete(1, 1, 0, OpType.OK, "read", 1L))))).isEmpty();
  }
}
