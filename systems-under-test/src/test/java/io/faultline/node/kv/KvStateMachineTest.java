package io.faultline.node.kv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KvStateMachineTest {
  private final KvStateMachine sm = new KvStateMachine();
  private long index;
  private long seq;

  private RequestId nextId() {
    return new RequestId("n1#1", ++seq);
  }

  private KvResult apply(KvStateMachine machine, KvCommand command) {
    return KvCodec.decodeResult(machine.apply(++index, KvCodec.encode(command)));
  }

  private KvResult apply(KvCommand command) {
    return apply(sm, command);
  }

  private JsonNode read(KvStateMachine machine, String key) {
    KvResult r = KvCodec.decodeResult(machine.query(KvCodec.encode(new KvQuery.Get(key))));
    return ((KvResult.Value) r).value();
  }

  private static JsonNode json(String text) throws Exception {
    return KvCodec.JSON.readTree(text);
  }

  @Test
  void putThenGetAndAbsentKeysReadNull() {
    assertThat(read(sm, "k")).isEqualTo(NullNode.getInstance());
    assertThat(apply(new KvCommand.Put(nextId(), "k", IntNode.valueOf(3)))).isEqualTo(new KvResult.Written());
    assertThat(read(sm, "k")).isEqualTo(IntNode.valueOf(3));
    apply(new KvCommand.Put(nextId(), "k", NullNode.getInstance()));
    assertThat(read(sm, "k")).isEqualTo(NullNode.getInstance());
    assertThat(sm.appliedIndex()).isEqualTo(2);
  }

  @Test
  void casAppliesOnlyWhenTheExpectationHolds() {
    apply(new KvCommand.Put(nextId(), "k", IntNode.valueOf(1)));
    assertThat(apply(new KvCommand.Cas(nextId(), "k", IntNode.valueOf(2), IntNode.valueOf(9))))
        .isEqualTo(new KvResult.CasMismatch(IntNode.valueOf(1)));
    assertThat(read(sm, "k")).isEqualTo(IntNode.valueOf(1));
    assertThat(apply(new KvCommand.Cas(nextId(), "k", IntNode.valueOf(1), IntNode.valueOf(9))))
        .isEqualTo(new KvResult.Written());
    assertThat(read(sm, "k")).isEqualTo(IntNode.valueOf(9));
    assertThat(apply(new KvCommand.Cas(nextId(), "fresh", NullNode.getInstance(), IntNode.valueOf(1))))
        .isEqualTo(new KvResult.Written());
  }

  @Test
  void transactionsReadTheirOwnWritesAndAppendCreatesLists() throws Exception {
    apply(new KvCommand.Put(nextId(), "y", json("[1]")));
    KvResult r = apply(new KvCommand.Txn(nextId(), List.of(
        new MicroOp(MicroOp.Kind.READ, "x", null),
        new MicroOp(MicroOp.Kind.APPEND, "y", IntNode.valueOf(3)),
        new MicroOp(MicroOp.Kind.APPEND, "z", IntNode.valueOf(7)),
        new MicroOp(MicroOp.Kind.WRITE, "x", TextNode.valueOf("v")),
        new MicroOp(MicroOp.Kind.READ, "x", null),
        new MicroOp(MicroOp.Kind.READ, "y", null))));
    List<MicroOp> ops = ((KvResult.TxnDone) r).ops();
    assertThat(ops.get(0).value()).isEqualTo(NullNode.getInstance());
    assertThat(ops.get(4).value()).isEqualTo(TextNode.valueOf("v"));
    assertThat(ops.get(5).value()).isEqualTo(json("[1,3]"));
    assertThat(read(sm, "z")).isEqualTo(json("[7]"));
    assertThat(read(sm, "y")).isEqualTo(json("[1,3]"));
  }

  @Test
  void aReadOnlyTransactionQueryReadsEveryKeyAndChangesNothing() throws Exception {
    apply(new KvCommand.Put(nextId(), "y", json("[1,2]")));
    long applied = sm.appliedIndex();
    KvResult r = KvCodec.decodeResult(sm.query(KvCodec.encode(new KvQuery.ReadTxn(List.of(
        new MicroOp(MicroOp.Kind.READ, "y", null), new MicroOp(MicroOp.Kind.READ, "absent", null))))));
    List<MicroOp> ops = ((KvResult.TxnDone) r).ops();
    assertThat(ops.get(0).value()).isEqualTo(json("[1,2]"));
    assertThat(ops.get(1).value()).isEqualTo(NullNode.getInstance());
    assertThat(sm.appliedIndex()).isEqualTo(applied);
  }

  @Test
  void aTransactionThatAppendsToANonListHasNoEffectAtAll() {
    apply(new KvCommand.Put(nextId(), "n", IntNode.valueOf(5)));
    KvResult r = apply(new KvCommand.Txn(nextId(), List.of(
        new MicroOp(MicroOp.Kind.WRITE, "a", IntNode.valueOf(1)),
        new MicroOp(MicroOp.Kind.APPEND, "n", IntNode.valueOf(2)))));
    assertThat(r).isInstanceOf(KvResult.Rejected.class);
    assertThat(read(sm, "a")).isEqualTo(NullNode.getInstance());
    assertThat(read(sm, "n")).isEqualTo(IntNode.valueOf(5));
  }

  @Test
  void aDuplicateCommandIsAppliedOnceAndGetsTheFirstOutput() {
    RequestId id = nextId();
    KvCommand append = new KvCommand.Txn(id, List.of(new MicroOp(MicroOp.Kind.APPEND, "l", IntNode.valueOf(1))));
    KvResult first = apply(append);
    apply(new KvCommand.Put(nextId(), "other", IntNode.valueOf(1)));
    KvResult again = apply(append);
    assertThat(again).isEqualTo(first);
    assertThat(read(sm, "l").size()).isEqualTo(1);
    KvCommand.Cas cas = new KvCommand.Cas(nextId(), "c", NullNode.getInstance(), IntNode.valueOf(1));
    assertThat(apply(cas)).isEqualTo(new KvResult.Written());
    assertThat(apply(cas)).as("a retried cas is not re-evaluated").isEqualTo(new KvResult.Written());
  }

  @Test
  void dedupIsBoundedPerOriginAndReportsForgottenDuplicatesAsExpired() {
    KvStateMachine small = new KvStateMachine(2, 2);
    KvCommand c1 = new KvCommand.Put(new RequestId("a", 1), "k", IntNode.valueOf(1));
    apply(small, c1);
    apply(small, new KvCommand.Put(new RequestId("a", 2), "k", IntNode.valueOf(2)));
    apply(small, new KvCommand.Put(new RequestId("a", 3), "k", IntNode.valueOf(3)));
    assertThat(apply(small, c1)).isEqualTo(new KvResult.Expired());
    assertThat(read(small, "k")).isEqualTo(IntNode.valueOf(3));
    apply(small, new KvCommand.Put(new RequestId("b", 1), "k", IntNode.valueOf(4)));
    apply(small, new KvCommand.Put(new RequestId("c", 1), "k", IntNode.valueOf(5)));
    assertThat(small.dedupOrigins()).isEqualTo(2);
  }

  @Test
  void snapshotRestoresStateAndDedupAndIsDeterministic() {
    KvStateMachine other = new KvStateMachine();
    Random random = new Random(7);
    List<KvCommand> commands = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String key = "k" + random.nextInt(10);
      RequestId id = new RequestId("o" + random.nextInt(3), i);
      commands.add(switch (random.nextInt(3)) {
        case 0 -> new KvCommand.Put(id, key, IntNode.valueOf(i));
        case 1 -> new KvCommand.Cas(id, key, IntNode.valueOf(i - 1), IntNode.valueOf(i));
        default -> new KvCommand.Txn(id, List.of(
            new MicroOp(MicroOp.Kind.READ, key, null),
            new MicroOp(MicroOp.Kind.APPEND, "list" + random.nextInt(3), IntNode.valueOf(i))));
      });
    }
    long i = 0;
    for (KvCommand c : commands) {
      i++;
      byte[] bytes = KvCodec.encode(c);
      assertThat(sm.apply(i, bytes)).isEqualTo(other.apply(i, bytes));
    }
    assertThat(sm.snapshot()).isEqualTo(other.snapshot());

    KvStateMachine restored = new KvStateMachine();
    restored.restore(sm.snapshot());
    assertThat(restored.snapshot()).isEqualTo(sm.snapshot());
    assertThat(restored.appliedIndex()).isEqualTo(300);
    for (int k = 0; k < 10; k++) {
      assertThat(read(restored, "k" + k)).isEqualTo(read(sm, "k" + k));
    }
    byte[] duplicate = KvCodec.encode(commands.get(299));
    assertThat(restored.apply(301, duplicate)).isEqualTo(sm.apply(301, duplicate));
    assertThat(restored.snapshot()).isEqualTo(sm.snapshot());
  }

  @Test
  void malformedCommandBytesAreRejectedDeterministically() {
    KvResult r = KvCodec.decodeResult(sm.apply(1, new byte[] {99, 1, 2}));
    assertThat(r).isInstanceOf(KvResult.Rejected.class);
    assertThat(sm.appliedIndex()).isEqualTo(1);
  }
}
