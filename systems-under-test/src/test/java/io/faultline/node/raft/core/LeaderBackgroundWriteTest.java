package io.faultline.node.raft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.node.raft.core.RaftMessage.AppendResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A leader that writes its own entries in the background ({@link RaftCore#advanceWritePending})
 * counts itself towards a commit only once {@link RaftCore#persisted} says they are durable.
 */
class LeaderBackgroundWriteTest {
  private static final List<String> THREE = List.of("n1", "n2", "n3");

  private static RaftCore leaderWithPendingWrite(ScriptedCluster c) {
    c.elect("n1", Set.copyOf(THREE));
    RaftCore leader = c.core("n1");
    long index = leader.propose(List.of("x".getBytes()));
    Ready r = leader.ready();
    assertThat(r.entries()).extracting(Entry::index).containsExactly(index);
    leader.advanceWritePending(r);
    assertThat(leader.ready().entries()).as("handed out once").isEmpty();
    return leader;
  }

  private static AppendResponse ack(RaftCore leader, String from) {
    return new AppendResponse(from, "n1", leader.term(), true, leader.lastIndex(), 0, 0);
  }

  @Test
  void oneFollowerAckIsNotAQuorumUntilTheLeadersOwnWriteIsDurable() {
    RaftCore leader = leaderWithPendingWrite(new ScriptedCluster(THREE, 64, Set.of()));
    long index = leader.lastIndex();
    leader.step(ack(leader, "n2"));
    assertThat(leader.commitIndex()).isLessThan(index);
    leader.persisted(index, leader.term());
    assertThat(leader.commitIndex()).isEqualTo(index);
    assertThat(leader.ready().committedEntries()).extracting(Entry::index).contains(index);
  }

  @Test
  void twoFollowerAcksCommitWithoutTheLeadersOwnWrite() {
    RaftCore leader = leaderWithPendingWrite(new ScriptedCluster(THREE, 64, Set.of()));
    long index = leader.lastIndex();
    leader.step(ack(leader, "n2"));
    leader.step(ack(leader, "n3"));
    assertThat(leader.commitIndex()).isEqualTo(index);
  }

  @Test
  void aDurabilityReportForAReplacedEntryCountsForNothing() {
    RaftCore leader = leaderWithPendingWrite(new ScriptedCluster(THREE, 64, Set.of()));
    long index = leader.lastIndex();
    leader.persisted(index, leader.term() + 7); // not the entry at that index
    leader.step(ack(leader, "n2"));
    assertThat(leader.commitIndex()).isLessThan(index);
  }

  @Test
  void aHardStateCannotBeLeftPending() {
    ScriptedCluster c = new ScriptedCluster(THREE, 64, Set.of());
    RaftCore follower = c.core("n2");
    follower.tick(); // nothing to persist yet: craft a Ready with a hard state instead
    Ready withHardState = new Ready(new HardState(9, "n2"), null, List.of(), List.of(), List.of(), List.of(), List.of());
    assertThatThrownBy(() -> follower.advanceWritePending(withHardState))
        .hasMessageContaining("must be persisted before advance");
  }
}
