package io.faultline.node.raft.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.node.raft.core.Entry;
import io.faultline.node.raft.core.RaftMessage;
import io.faultline.node.raft.core.RaftMessage.AppendEntries;
import io.faultline.node.raft.core.RaftMessage.AppendResponse;
import io.faultline.node.raft.core.RaftMessage.Heartbeat;
import io.faultline.node.raft.core.RaftMessage.HeartbeatResponse;
import io.faultline.node.raft.core.RaftMessage.InstallSnapshot;
import io.faultline.node.raft.core.RaftMessage.RequestVote;
import io.faultline.node.raft.core.RaftMessage.VoteResponse;
import io.faultline.node.raft.core.Snapshot;
import io.faultline.node.raft.wire.ForwardMessage.ForwardReply;
import io.faultline.node.raft.wire.ForwardMessage.ForwardRequest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaftCodecTest {
  private static RaftMessage roundTrip(RaftMessage m) {
    return RaftCodec.decode(m.from(), m.to(), RaftCodec.encode(m)).raft();
  }

  @Test
  void everyRaftMessageSurvivesARoundTrip() {
    List<RaftMessage> all =
        List.of(
            new RequestVote("n1", "n2", 7, 100, 6, true),
            new VoteResponse("n2", "n1", 7, true, false),
            new HeartbeatResponse("n2", "n1", 7, 42, 900),
            new Heartbeat("n1", "n2", 7, 99, 42, 900),
            new AppendResponse("n2", "n1", 7, false, 100, 80, 5));
    for (RaftMessage m : all) {
      assertThat(roundTrip(m)).isEqualTo(m);
    }
  }

  @Test
  void entriesAndSnapshotsKeepTheirBytes() {
    AppendEntries ae =
        new AppendEntries(
            "n1", "n3", 4, 10, 3, List.of(new Entry(11, 4, null), new Entry(12, 4, new byte[] {1, 2, 3})), 9);
    AppendEntries back = (AppendEntries) roundTrip(ae);
    assertThat(back.prevIndex()).isEqualTo(10);
    assertThat(back.commit()).isEqualTo(9);
    assertThat(back.entries().get(0).isNoop()).isTrue();
    assertThat(back.entries().get(1).data()).containsExactly(1, 2, 3);
    InstallSnapshot is = new InstallSnapshot("n1", "n3", 4, new Snapshot(500, 3, new byte[] {9}));
    InstallSnapshot isBack = (InstallSnapshot) roundTrip(is);
    assertThat(isBack.snapshot().index()).isEqualTo(500);
    assertThat(isBack.snapshot().data()).containsExactly(9);
  }

  @Test
  void forwardMessagesSurviveARoundTrip() {
    ForwardRequest req = (ForwardRequest) RaftCodec.decode("n2", "n1",
        RaftCodec.encode(new ForwardRequest(5, true, new byte[] {7}))).forward();
    assertThat(req.requestId()).isEqualTo(5);
    assertThat(req.read()).isTrue();
    assertThat(req.payload()).containsExactly(7);
    ForwardReply rep = (ForwardReply) RaftCodec.decode("n1", "n2",
        RaftCodec.encode(new ForwardReply(5, ForwardMessage.Outcome.UNKNOWN, null))).forward();
    assertThat(rep.outcome()).isEqualTo(ForwardMessage.Outcome.UNKNOWN);
    assertThat(rep.payload()).isNull();
  }

  @Test
  void malformedFramesAreRejectedWithAReason() {
    byte[] good = RaftCodec.encode(new Heartbeat("n1", "n2", 7, 99, 42, 900));
    assertThatThrownBy(() -> RaftCodec.decode("n1", "n2", Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends early");
    assertThatThrownBy(() -> RaftCodec.decode("n1", "n2", new byte[] {99}))
        .hasMessageContaining("unknown frame tag 99");
    assertThatThrownBy(() -> RaftCodec.decode("n1", "n2", Arrays.copyOf(good, good.length + 2)))
        .hasMessageContaining("trailing bytes");
    byte[] hugeCount = RaftCodec.encode(new AppendEntries("n1", "n2", 1, 0, 0, List.of(), 0));
    hugeCount[hugeCount.length - 1] = 127; // entry count far beyond the frame
    assertThatThrownBy(() -> RaftCodec.decode("n1", "n2", hugeCount))
        .hasMessageContaining("entry count");
  }
}
