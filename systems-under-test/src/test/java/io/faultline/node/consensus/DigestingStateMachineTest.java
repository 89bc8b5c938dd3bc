package io.faultline.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.faultline.node.kv.KvCodec;
import io.faultline.node.kv.KvCommand;
import io.faultline.node.kv.KvQuery;
import io.faultline.node.kv.KvResult;
import io.faultline.node.kv.KvStateMachine;
import io.faultline.node.kv.RequestId;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestingStateMachineTest {

  private static byte[] put(int seq, String key, int value) {
    return KvCodec.encode(new KvCommand.Put(new RequestId("c1#1", seq), key, IntNode.valueOf(value)));
  }

  private static DigestingStateMachine replica() {
    return new DigestingStateMachine(new KvStateMachine());
  }

  /** Applies puts {@code from..to} (index i puts k(i%5) = i). */
  private static void applyPuts(DigestingStateMachine sm, int from, int to) {
    for (int i = from; i <= to; i++) {
      sm.apply(i, put(i, "k" + i % 5, i));
    }
  }

  private static JsonNode read(StateMachine sm, String key) {
    return ((KvResult.Value) KvCodec.decodeResult(sm.query(KvCodec.encode(new KvQuery.Get(key))))).value();
  }

  @Test
  void theSameCommandsGiveTheSameCheckpointsOnEveryReplica() {
    DigestingStateMachine a = replica();
    DigestingStateMachine b = replica();
    applyPuts(a, 1, 100);
    applyPuts(b, 1, 100);
    assertThat(a.recent()).extracting(AppliedDigest::index).containsExactly(16L, 32L, 48L, 64L, 80L, 96L);
    assertThat(a.recent()).isEqualTo(b.recent());
    assertThat(a.recent()).extracting(AppliedDigest::digest).allMatch(d -> d.matches("[0-9a-f]{32}")).doesNotHaveDuplicates();
  }

  @Test
  void theChainIsSha256OverThePreviousDigestTheIndexTheKindAndTheCommand() throws Exception {
    DigestingStateMachine sm = replica();
    applyPuts(sm, 1, 16);
    byte[] d = new byte[16];
    for (int i = 1; i <= 16; i++) {
      byte[] command = put(i, "k" + i % 5, i);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(d);
      sha.update(ByteBuffer.allocate(13).putLong(i).put((byte) 1).putInt(command.length).array());
      sha.update(command);
      d = Arrays.copyOf(sha.digest(), 16);
    }
    assertThat(sm.recent()).containsExactly(new AppliedDigest(16, HexFormat.of().formatHex(d)));
  }

  @Test
  void oneDifferentCommandChangesEveryCheckpointFromItsIndexOn() {
    DigestingStateMachine a = replica();
    DigestingStateMachine b = replica();
    applyPuts(a, 1, 64);
    applyPuts(b, 1, 19);
    b.apply(20, put(20, "k0", 999)); // same request, another value: what a lost log entry looks like
    applyPuts(b, 21, 64);
    assertThat(a.recent().get(0)).isEqualTo(b.recent().get(0)); // index 16: before the difference
    for (int i = 1; i < 4; i++) {
      assertThat(a.recent().get(i).index()).isEqualTo(b.recent().get(i).index());
      assertThat(a.recent().get(i).digest()).isNotEqualTo(b.recent().get(i).digest());
    }
  }

  @Test
  void aNoopTakesItsIndexAndDiffersFromACommandThere() {
    DigestingStateMachine withNoop = replica();
    DigestingStateMachine withoutNoop = replica();
    withNoop.applyNoop(1);
    withoutNoop.apply(1, new byte[0]);
    applyPuts(withNoop, 2, 16);
    applyPuts(withoutNoop, 2, 16);
    assertThat(withNoop.chained()).isTrue();
    assertThat(withNoop.recent()).extracting(AppliedDigest::index).containsExactly(16L);
    assertThat(withNoop.recent()).isNotEqualTo(withoutNoop.recent());
  }

  @Test
  void aReplicaRestoredFromASnapshotContinuesTheSameChainAndTheSameState() {
    DigestingStateMachine a = replica();
    applyPuts(a, 1, 40);
    byte[] snapshot = a.snapshot();
    KvStateMachine innerOfA = new KvStateMachine();
    for (int i = 1; i <= 40; i++) {
      innerOfA.apply(i, put(i, "k" + i % 5, i));
    }

    KvStateMachine inner = new KvStateMachine();
    DigestingStateMachine b = new DigestingStateMachine(inner);
    b.restore(snapshot);
    assertThat(inner.snapshot()).isEqualTo(innerOfA.snapshot()); // the inner state restored exactly
    assertThat(b.chainedIndex()).isEqualTo(40);
    assertThat(b.recent()).isEmpty(); // 40 is no checkpoint, and b applied nothing itself
    applyPuts(a, 41, 80);
    applyPuts(b, 41, 80);
    assertThat(b.recent()).extracting(AppliedDigest::index).containsExactly(48L, 64L, 80L);
    assertThat(a.recent()).containsSubsequence(b.recent());
    assertThat(read(b, "k3")).isEqualTo(read(a, "k3"));
    assertThat(b.snapshot()).isEqualTo(a.snapshot());
  }

  @Test
  void aSnapshotAtACheckpointReportsItAndLaterCheckpointsAreForgotten() {
    DigestingStateMachine a = replica();
    applyPuts(a, 1, 32);
    byte[] at32 = a.snapshot();
    applyPuts(a, 33, 64);
    a.restore(at32); // back to 32: 48 and 64 will be applied, and recorded, again
    assertThat(a.recent()).extracting(AppliedDigest::index).containsExactly(16L, 32L);
    DigestingStateMachine fresh = replica();
    fresh.restore(at32);
    assertThat(fresh.recent()).isEqualTo(List.of(a.recent().get(1)));
  }

  @Test
  void theRingKeepsOnlyTheLastCheckpoints() {
    DigestingStateMachine sm = new DigestingStateMachine(new KvStateMachine(), 2, 4);
    applyPuts(sm, 1, 21);
    assertThat(sm.recent()).extracting(AppliedDigest::index).containsExactly(14L, 16L, 18L, 20L);
    DigestingStateMachine standard = replica();
    applyPuts(standard, 1, 16 * 100);
    assertThat(standard.recent()).hasSize(DigestingStateMachine.RING_CHECKPOINTS);
    assertThat(standard.recent().get(0).index()).isEqualTo(16L * (100 - 63));
  }

  @Test
  void anIndexOutOfOrderStopsTheChainRatherThanReportAWrongDigest() {
    DigestingStateMachine sm = replica();
    applyPuts(sm, 1, 16);
    sm.apply(18, put(18, "k", 1)); // 17 never came
    applyPuts(sm, 19, 64);
    assertThat(sm.chained()).isFalse();
    assertThat(sm.recent()).extracting(AppliedDigest::index).containsExactly(16L);
    assertThat(read(sm, "k4")).isEqualTo(IntNode.valueOf(64)); // the state machine itself still applied everything

    DigestingStateMachine restored = replica();
    restored.restore(sm.snapshot());
    applyPuts(restored, 65, 96);
    assertThat(restored.chained()).isFalse();
    assertThat(restored.recent()).isEmpty();
  }

  @Test
  void aSnapshotWithoutTheHeaderRestoresTheStateButLeavesTheChainUnknown() {
    KvStateMachine old = new KvStateMachine();
    for (int i = 1; i <= 20; i++) {
      old.apply(i, put(i, "k" + i % 5, i));
    }
    DigestingStateMachine sm = replica();
    sm.restore(old.snapshot());
    assertThat(read(sm, "k0")).isEqualTo(IntNode.valueOf(20));
    applyPuts(sm, 21, 64);
    assertThat(sm.chained()).isFalse();
    assertThat(sm.recent()).isEmpty();
  }
}
