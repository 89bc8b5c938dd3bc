package io.faultline.node.raft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.node.raft.core.RaftMessage.AppendEntries;
import io.faultline.node.raft.core.RaftMessage.AppendResponse;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Scripted interactions for scenarios a random simulation reaches only rarely. */
class RaftScenarioTest {
  private static final List<String> FIVE = List.of("s1", "s2", "s3", "s4", "s5");
  private static final List<String> THREE = List.of("n1", "n2", "n3");

  /**
   * Raft paper, Figure 8: a leader of term 3 re-replicates an entry of term 1 to a majority. It
   * must not commit it by counting, because s5 (whose log ends in term 2) can still be elected
   * and overwrite it. Drives the scenario and returns the cluster at the end.
   */
  private static ScriptedCluster figure8(Set<RaftBug> bugs) {
    ScriptedCluster c = new ScriptedCluster(FIVE, 1, bugs);
    Set<String> all = Set.copyOf(FIVE);
    c.elect("s1", all); // term 1, no-op at index 1 committed everywhere
    assertThat(c.core("s2").commitIndex()).isEqualTo(1);
    c.propose("s1", "x"); // index 2, term 1 ...
    c.deliver(Set.of("s1", "s2")); // ... reaches s2 only
    // s5 wins term 2 with s3 and s4, but its appends (indexes 2..3 of term 2) never leave it.
    c.elect("s5", Set.of("s3", "s4", "s5"), m -> m instanceof AppendEntries);
    c.propose("s5", "y");
    c.dropAll();
    // s1 wins term 3 (no-op at index 3) and copies index 2 (term 1) to s3, but s3 never gets
    // index 3.
    Predicate<RaftMessage> noIndex3ForS3 =
        m -> m.to().equals("s3") && m instanceof AppendEntries ae
            && c.core("s3").lastIndex() >= 2
            && ae.entries().stream().anyMatch(e -> e.index() >= 3);
    c.elect("s1", Set.of("s1", "s2", "s3"), noIndex3ForS3);
    c.tick("s1", 1); // a heartbeat carries s1's commit index to s3
    c.deliver(Set.of("s1", "s2", "s3"), noIndex3ForS3);
    assertThat(c.core("s3").termAt(2)).isEqualTo(1);
    assertThat(c.core("s3").lastIndex()).isEqualTo(2);
    return c;
  }

  @Test
  void figure8LeaderDoesNotCommitAnEarlierTermEntryByCounting() {
    ScriptedCluster c = figure8(Set.of());
    assertThat(c.core("s1").commitIndex()).isEqualTo(1);
    // s1 fails; s5 wins with s3 and s4 and overwrites index 2: allowed, since it was never committed.
    c.dropAll();
    c.elect("s5", Set.of("s3", "s4", "s5"));
    c.propose("s5", "z");
    c.deliver(Set.of("s3", "s4", "s5"));
    assertThat(c.applied.get("s5").get(2L).term()).isEqualTo(2);
    assertThat(c.applied.get("s1")).doesNotContainKey(2L);
  }

  /**
   * Figure 8 under {@link RaftBug#COMMIT_OLD_TERM}, which also drops the term-start no-op (with
   * it, the old entry would ride in one append with the no-op and the count would land on the
   * current term): the entry is committed, applied, then overwritten by a later leader.
   */
  @Test
  void figure8WithCommitOldTermBugCommitsThenLosesAnEntry() {
    ScriptedCluster c = new ScriptedCluster(FIVE, 1, Set.of(RaftBug.COMMIT_OLD_TERM));
    Set<String> all = Set.copyOf(FIVE);
    c.elect("s1", all); // term 1, no no-op under the bug
    c.propose("s1", "w"); // index 1, term 1, everywhere
    c.deliver(all);
    c.propose("s1", "x"); // index 2, term 1 ...
    c.deliver(Set.of("s1", "s2")); // ... reaches s2 only
    // s5 wins term 2 with s3 and s4, but its appends (index 2, term 2) never leave it.
    c.elect("s5", Set.of("s3", "s4", "s5"), m -> m instanceof AppendEntries);
    c.propose("s5", "y");
    c.dropAll();
    // s1 wins term 3 and copies index 2 (term 1) to s3: three of five hold it, s1 commits it.
    c.elect("s1", Set.of("s1", "s2", "s3"));
    c.tick("s1", 1); // a heartbeat carries the commit index to s3
    c.deliver(Set.of("s1", "s2", "s3"));
    assertThat(c.core("s1").commitIndex()).isEqualTo(2);
    assertThat(c.applied.get("s1").get(2L).term()).isEqualTo(1); // applied and acknowledged
    assertThat(c.core("s3").commitIndex()).isEqualTo(2);
    c.dropAll();
    // s1 fails. s5 (log ends in term 2) wins with s3 and s4, although index 2 was committed and
    // s5 does not hold it: leader completeness is broken. s3 halts when s5 overwrites index 2.
    c.elect("s5", Set.of("s3", "s4", "s5"), m -> m instanceof AppendEntries);
    assertThat(c.core("s5").termAt(2)).isEqualTo(2);
    assertThatThrownBy(
            () -> {
              c.tick("s5", 1); // its heartbeat's answers start the probes
              c.deliver(Set.of("s3", "s4", "s5"));
            })
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("safety violation")
        .hasMessageContaining("sent entry 2 of term 2, but the committed entry there has term 1");
  }

  @Test
  void preVoteKeepsAnIsolatedNodeFromDisruptingTheLeader() {
    ScriptedCluster c = new ScriptedCluster(THREE, 64, Set.of());
    Set<String> all = Set.copyOf(THREE);
    c.elect("n1", all);
    long term = c.core("n1").term();
    // n3 is cut off for many election timeouts; n1 and n2 keep talking.
    for (int i = 0; i < 100; i++) {
      c.tick("n1", 1);
      c.tick("n2", 1);
      c.tick("n3", 1);
      c.deliver(Set.of("n1", "n2"));
    }
    assertThat(c.core("n3").term()).as("pre-votes never raise the term").isEqualTo(term);
    assertThat(c.core("n3").role()).isEqualTo(Role.PRE_CANDIDATE);
    // Healed: n3's pre-vote is refused (n2 hears from a live leader) and n3 rejoins as follower.
    for (int i = 0; i < 30; i++) {
      c.tick("n1", 1);
      c.tick("n2", 1);
      c.tick("n3", 1);
      c.deliver(all);
    }
    assertThat(c.core("n1").role()).isEqualTo(Role.LEADER);
    assertThat(c.core("n1").term()).isEqualTo(term);
    assertThat(c.core("n3").role()).isEqualTo(Role.FOLLOWER);
    assertThat(c.core("n3").leader()).isEqualTo("n1");
  }

  @Test
  void fastBacktrackingSkipsAConflictingTermInOneStep() {
    ScriptedCluster c = new ScriptedCluster(THREE, 64, Set.of());
    Set<String> all = Set.copyOf(THREE);
    c.elect("n1", all);
    for (int i = 0; i < 5; i++) {
      c.propose("n1", "a" + i);
    }
    c.deliver(all);
    // n1 is cut off and appends 50 entries nobody else gets.
    for (int i = 0; i < 50; i++) {
      c.propose("n1", "lost" + i);
    }
    c.dropAll();
    c.elect("n2", Set.of("n2", "n3"));
    for (int i = 0; i < 60; i++) {
      c.propose("n2", "b" + i);
    }
    c.deliver(Set.of("n2", "n3"));
    c.delivered.clear();
    // n1 rejoins: it hears n2's heartbeat, steps down, and its 50-entry suffix is replaced.
    c.tick("n2", 1);
    c.deliver(all);
    long rejections =
        c.delivered.stream().filter(m -> m instanceof AppendResponse ar && !ar.success()).count();
    assertThat(rejections).as("rejections before n1 found the match point").isLessThanOrEqualTo(2);
    assertThat(c.core("n1").lastIndex()).isEqualTo(c.core("n2").lastIndex());
    long last = c.core("n2").lastIndex();
    assertThat(c.core("n1").termAt(last)).isEqualTo(c.core("n2").termAt(last));
    assertThat(c.core("n1").commitIndex()).isEqualTo(c.core("n2").commitIndex());
  }

  @Test
  void doubleVoteBugLetsTwoCandidatesWinTheSameTerm() {
    for (boolean bug : new boolean[] {false, true}) {
      ScriptedCluster c =
          new ScriptedCluster(THREE, 64, bug ? Set.of(RaftBug.DOUBLE_VOTE) : Set.of());
      // n1 and n3 both campaign at once in term 1; n2 hears n1 first, then n3.
      for (String id : THREE) {
        c.tick(id, 10);
      }
      c.dropAll();
      campaignNow(c, "n1");
      campaignNow(c, "n3");
      c.deliver(Set.copyOf(THREE));
      // Who acted as leader of term 1 (sent appends in it)?
      long leadersOfTerm1 =
          c.delivered.stream()
              .filter(m -> m instanceof AppendEntries && m.term() == 1)
              .map(RaftMessage::from)
              .distinct()
              .count();
      assertThat(leadersOfTerm1).isEqualTo(bug ? 2 : 1);
      // Each node's own record of the terms it led (what /admin/status reports) shows the same.
      long nodesListingTerm1 = THREE.stream().filter(id -> c.core(id).ledTerms().contains(1L)).count();
      assertThat(nodesListingTerm1).isEqualTo(bug ? 2 : 1);
    }
  }

  /** Ticks {@code id} until it starts a real campaign (after a granted pre-vote round). */
  private static void campaignNow(ScriptedCluster c, String id) {
    RaftCore core = c.core(id);
    while (core.role() != Role.PRE_CANDIDATE) {
      core.tick();
    }
    // Grant the pre-vote directly: the other nodes are not in a leader's lease.
    core.step(new RaftMessage.VoteResponse("n2", id, core.term() + 1, true, true));
    c.process(id);
  }
}
