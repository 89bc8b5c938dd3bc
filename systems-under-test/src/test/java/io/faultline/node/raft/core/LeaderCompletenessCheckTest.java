package io.faultline.node.raft.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.node.raft.core.RaftMessage.AppendResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A follower acknowledges only what its leader sent or its own committed prefix, which every
 * leader holds; an acknowledgement beyond the leader's log means a committed entry was lost
 * (seen under the commit-old-term bug, where the leader then failed on "commit beyond last index").
 */
class LeaderCompletenessCheckTest {
  private static final List<String> THREE = List.of("n1", "n2", "n3");

  @Test
  void anAcknowledgementBeyondTheLeadersLogHaltsItAsASafetyViolation() {
    ScriptedCluster c = new ScriptedCluster(THREE, 64, Set.of());
    c.elect("n1", Set.copyOf(THREE));
    RaftCore leader = c.core("n1");
    long last = leader.lastIndex();
    assertThatCode(() -> leader.step(new AppendResponse("n3", "n1", leader.term(), true, last, 0, 0)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> leader.step(new AppendResponse("n2", "n1", leader.term(), true, last + 2, 0, 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("safety violation: n2 holds committed entries up to " + (last + 2)
            + ", beyond the last index " + last + " of leader n1");
  }
}
