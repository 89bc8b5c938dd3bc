package io.faultline.node.paxos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.node.paxos.PaxosMessage.*;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PaxosCodecTest {
  private static final Ballot B = new Ballot(7, 2);
  private static final SlotValue V = new SlotValue(List.of(new Command(1, 99, new byte[] {1, 2, 3})));

  static List<PaxosMessage> samples() {
    return List.of(
        new Prepare(B, 5),
        new Promise(B, 4, List.of(new AcceptedEntry(5, new Ballot(3, 1), V), new AcceptedEntry(6, B, SlotValue.NOOP))),
        new Reject(new Ballot(1, 0), B),
        new Accept(B, 3, List.of(new SlotProposal(4, V), new SlotProposal(5, SlotValue.NOOP))),
        new Accepted(B, List.of(4L, 5L)),
        new Commit(B, 9, 12),
        new CommitAck(B, 12, 9),
        new CatchUpRequest(10),
        new CatchUpReply(List.of(new SlotProposal(10, V))),
        new SnapshotReply(33, new byte[] {9, 8, 7}),
        new Forward(B, V.commands()),
        new ForwardRejected(List.of(1L, 2L)),
        new ReadRequest(77),
        new ReadIndexReply(77, -1));
  }

  @Test
  void everyMessageTypeRoundTrips() {
    for (PaxosMessage m : samples()) {
      PaxosMessage back = PaxosCodec.decode(PaxosCodec.encode(m));
      if (m instanceof SnapshotReply s) {
        assertThat(((SnapshotReply) back).snapshot()).isEqualTo(s.snapshot());
        assertThat(((SnapshotReply) back).lastSlot()).isEqualTo(s.lastSlot());
      } else {
        assertThat(back).isEqualTo(m);
      }
    }
  }

  @Test
  void truncatedOrGarbageInputIsRejectedNotTrusted() {
    for (PaxosMessage m : samples()) {
      byte[] bytes = PaxosCodec.encode(m);
      for (int cut = 0; cut < bytes.length; cut++) {
        byte[] truncated = Arrays.copyOf(bytes, cut);
        assertThatThrownBy(() -> PaxosCodec.decode(truncated)).isInstanceOf(PaxosCodec.MalformedMessageException.class);
      }
    }
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 2_000; i++) {
      byte[] junk = new byte[random.nextInt(64)];
      random.nextBytes(junk);
      try {
        PaxosCodec.decode(junk);
      } catch (PaxosCodec.MalformedMessageException expected) {
        // fine: a clear rejection; anything else (OOM, NegativeArraySize...) fails the test
      }
    }
    assertThatThrownBy(() -> PaxosCodec.decode(new byte[] {99}))
        .hasMessageContaining("unknown paxos message tag 99");
  }

  @Test
  void durableRecordsRoundTrip() {
    List<DurableRecord> records = List.of(new DurableRecord.Promised(B), new DurableRecord.Accepted(3, B, V),
        new DurableRecord.Chosen(4, SlotValue.NOOP), new DurableRecord.ChosenUpTo(4));
    for (DurableRecord r : records) {
      assertThat(DurableRecordCodec.decode(DurableRecordCodec.encode(r))).isEqualTo(r);
    }
  }
}
