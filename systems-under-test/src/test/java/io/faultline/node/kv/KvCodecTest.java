package io.faultline.node.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KvCodecTest {
  private static JsonNode json(String text) throws Exception {
    return KvCodec.JSON.readTree(text);
  }

  @Test
  void commandsRoundTrip() throws Exception {
    RequestId id = new RequestId("n2#3", 77);
    List<KvCommand> commands = List.of(
        new KvCommand.Put(id, "k", json("{\"a\":[1,2.5,\"x\",null,true]}")),
        new KvCommand.Cas(id, "ключ", json("null"), json("5")),
        new KvCommand.Txn(id, List.of(
            new MicroOp(MicroOp.Kind.READ, "x", null),
            new MicroOp(MicroOp.Kind.WRITE, "y", json("1")),
            new MicroOp(MicroOp.Kind.APPEND, "z", json("[3]")))));
    for (KvCommand c : commands) {
      assertThat(KvCodec.decodeCommand(KvCodec.encode(c))).isEqualTo(c);
    }
  }

  @Test
  void resultsAndQueriesRoundTrip() throws Exception {
    List<KvResult> results = List.of(
        new KvResult.Written(), new KvResult.Value(json("[1]")), new KvResult.CasMismatch(json("2")),
        new KvResult.TxnDone(List.of(new MicroOp(MicroOp.Kind.READ, "x", json("[1,2]")))),
        new KvResult.Rejected("why"), new KvResult.Expired());
    for (KvResult r : results) {
      assertThat(KvCodec.decodeResult(KvCodec.encode(r))).isEqualTo(r);
    }
    KvQuery q = new KvQuery.Get("k/with/slash");
    assertThat(KvCodec.decodeQuery(KvCodec.encode(q))).isEqualTo(q);
    KvQuery reads = new KvQuery.ReadTxn(List.of(
        new MicroOp(MicroOp.Kind.READ, "x", null), new MicroOp(MicroOp.Kind.READ, "y", null)));
    assertThat(KvCodec.decodeQuery(KvCodec.encode(reads))).isEqualTo(reads);
  }

  @Test
  void aReadOnlyTransactionQueryHoldsOnlyReads() throws Exception {
    List<MicroOp> mixed = List.of(new MicroOp(MicroOp.Kind.READ, "x", null), new MicroOp(MicroOp.Kind.APPEND, "x", json("1")));
    assertThat(KvQuery.ReadTxn.readsOnly(mixed)).isFalse();
    assertThat(KvQuery.ReadTxn.readsOnly(List.of())).isFalse();
    assertThat(KvQuery.ReadTxn.readsOnly(mixed.subList(0, 1))).isTrue();
    assertThatThrownBy(() -> new KvQuery.ReadTxn(mixed)).hasMessageContaining("only reads, not append");
  }

  @Test
  void truncatedOrTrailingBytesAreRejectedWithAReason() {
    byte[] good = KvCodec.encode(new KvCommand.Put(new RequestId("o", 1), "k", KvCodec.JSON.getNodeFactory().numberNode(1)));
    assertThatThrownBy(() -> KvCodec.decodeCommand(Arrays.copyOf(good, good.length - 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KvCodec.decodeCommand(Arrays.copyOf(good, good.length + 1)))
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> KvCodec.decodeCommand(new byte[] {42}))
        .hasMessageContaining("unknown command tag 42");
  }
}
