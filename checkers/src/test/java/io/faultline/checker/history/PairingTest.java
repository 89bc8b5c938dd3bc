package io.faultline.checker.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairingTest {

  private static History history(Op... ops) {
    return History.of("h.jsonl", List.of(ops));
  }

  @Test
  void okInfoFailAndMissingCompletions() throws Exception {
    List<Operation> ops = Pairing.pair(history(
        Op.invoke(0, 0, 1, "write", 1L),
        Op.invoke(1, 0, 2, "read", null),
        new Op(2, 0, Op.NEMESIS, OpType.INFO, "kill", null, null, null, null),
        Op.complete(3, 0, 1, OpType.OK, "write", 1L),
        Op.complete(4, 0, 2, OpType.INFO, "read", null),
        Op.invoke(5, 0, 3, "cas", List.of(1L, 2L)),
        Op.complete(6, 0, 3, OpType.FAIL, "cas", List.of(1L, 2L)),
        Op.invoke(7, 0, 4, "read", null),
        Op.complete(8, 0, 4, OpType.OK, "read", 1L),
        Op.invoke(9, 0, 5, "write", 3L)));
    assertThat(ops).hasSize(4); // the failed cas is dropped
    assertThat(ops.get(0)).isEqualTo(new Operation(0, 1, "write", null, 1L, 1L, true, 0, 3, 1));
    assertThat(ops.get(1).known()).isFalse();
    assertThat(ops.get(1).ret()).isEqualTo(Operation.NEVER);
    assertThat(ops.get(2).output()).isEqualTo(1L);
    assertThat(ops.get(2).call()).isEqualTo(7);
    assertThat(ops.get(3).known()).isFalse();
    assertThat(ops).extracting(Operation::id).containsExactly(0, 1, 2, 3);
  }

  @Test
  void completionWithoutInvocation() {
    assertThatThrownBy(() -> Pairing.pair(history(
        Op.invoke(0, 0, 1, "read", null),
        Op.complete(1, 0, 2, OpType.OK, "read", 3L))))
        .isInstanceOf(HistoryFormatException.class)
        .hasMessage("h.jsonl:2: ok 'read' of process 2 has no open invocation");
  }

  @Test
  void twoInvocationsOpenOnOneProcess() {
    assertThatThrownBy(() -> Pairing.pair(history(
        Op.invoke(0, 0, 1, "read", null),
        Op.invoke(1, 0, 2, "read", null),
        Op.invoke(2, 0, 1, "write", 4L))))
        .hasMessage("h.jsonl:3: process 1 invoked 'write' while its 'read' invoked at line 1 is still open");
  }

  @Test
  void completionOfAnotherFunction() {
    assertThatThrownBy(() -> Pairing.pair(history(
        Op.invoke(0, 0, 1, "read", null),
        Op.complete(1, 0, 1, OpType.OK, "write", 3L))))
        .hasMessage("h.jsonl:2: completion f 'write' of process 1 does not match its invocation's 'read' at line 1");
  }

  @Test
  void linesComeFromTheSourceFile() throws Exception {
    History h = JsonlHistoryReader.read("f.jsonl", new java.io.StringReader(
        "\n{\"process\":1,\"type\":\"invoke\",\"f\":\"read\"}\n\n{\"process\":1,\"type\":\"invoke\",\"f\":\"read\"}\n"));
    assertThatThrownBy(() -> Pairing.pair(h)).hasMessageStartingWith("f.jsonl:4: process 1 invoked 'read' while its 'read' invoked at line 2");
  }
}
