package io.faultline.checker.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProofTest {
  private static final Op NEMESIS = new Op(0, 0, Op.NEMESIS, OpType.INFO, "start-partition", null, null, null, null);

  @Test
  void noOkClientOperationIsNoProof() {
    assertThat(Proof.of(List.of()).missing()).contains(
        "the history is empty: nothing was observed to happen, so there is nothing to check");
    assertThat(Proof.of(List.of(NEMESIS, NEMESIS.withIndex(1))).missing()).contains(
        "the history has no client operations, only 2 nemesis events: nothing was observed to happen,"
            + " so there is nothing to check");
    List<Op> failedAndCrashed = List.of(Op.invoke(0, 1, 0, "write", 1L), Op.complete(1, 2, 0, OpType.FAIL, "write", 1L),
        Op.invoke(2, 3, 1, "read", null), Op.complete(3, 4, 1, OpType.INFO, "read", null), Op.invoke(4, 5, 2, "read", null));
    assertThat(Proof.of(failedAndCrashed).missing()).contains(
        "no client operation completed ok (3 invoked; every one failed, crashed or never completed):"
            + " nothing was observed to happen, so there is nothing to check");
  }

  @Test
  void oneOkClientOperationIsProof() {
    Proof p = Proof.of(List.of(NEMESIS, Op.invoke(1, 1, 0, "read", null), Op.complete(2, 2, 0, OpType.OK, "read", 3L),
        Op.invoke(3, 3, 1, "write", 1L), Op.complete(4, 4, 1, OpType.FAIL, "write", 1L)));
    assertThat(p.missing()).isEmpty();
    assertThat(p).isEqualTo(new Proof(5, 1, 2, 1));
  }
}
