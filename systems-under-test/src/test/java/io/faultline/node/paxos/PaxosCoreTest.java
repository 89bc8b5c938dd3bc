package io.faultline.node.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.node.paxos.PaxosMessage.Accept;
import io.faultline.node.paxos.PaxosMessage.AcceptedEntry;
import io.faultline.node.paxos.PaxosMessage.Forward;
import io.faultline.node.paxos.PaxosMessage.ForwardRejected;
import io.faultline.node.paxos.PaxosMessage.Prepare;
import io.faultline.node.paxos.PaxosMessage.Promise;
import io.faultline.node.paxos.PaxosMessage.Reject;
import io.faultline.node.paxos.PaxosMessage.SlotProposal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Scripted interactions with one core: what it persists and sends for given inputs. */
class PaxosCoreTest {
  private static final SlotValue X = value(1, 10);
  private static final SlotValue Y = value(2, 20);

  private static SlotValue value(int origin, long id) {
    return new SlotValue(List.of(new Command(origin, id, new byte[] {(byte) id})));
  }

  private static PaxosCore core(int self, Set<PaxosBug> bugs) {
    return new PaxosCore(PaxosConfig.defaults(self, 3).withBugs(bugs), new SplittableRandom(1), DurableState.empty());
  }

  /** Ticks until the core campaigns; returns its Prepare. */
  private static Prepare campaign(PaxosCore core) {
    for (int i = 0; i < 1_000; i++) {
      core.tick();
      Ready r = core.drain();
      for (Ready.Outbound o : r.messages()) {
        if (o.message() instanceof Prepare p) {
          return p;
        }
      }
    }
    throw new AssertionError("never campaigned");
  }

  private static <T> List<T> sent(Ready r, Class<T> type) {
    List<T> out = new ArrayList<>();
    r.messages().forEach(o -> {
      if (type.isInstance(o.message())) {
        out.add(type.cast(o.message()));
      }
    });
    return out;
  }

  @Test
  void newLeaderReproposesWhatPhaseOneFoundAndFillsGapsWithNoops() {
    PaxosCore core = core(0, Set.of());
    Prepare prepare = campaign(core);
    core.step(1, new Promise(prepare.ballot(), 0, List.of(
        new AcceptedEntry(1, new Ballot(1, 1), X),
        new AcceptedEntry(3, new Ballot(1, 1), Y),
        new AcceptedEntry(3, new Ballot(0, 2), X))));
    Ready r = core.drain();
    assertThat(core.isLeader()).isTrue();
    Accept accept = sent(r, Accept.class).get(0);
    assertThat(accept.ballot()).isEqualTo(prepare.ballot());
    assertThat(accept.proposals()).containsExactly(
        new SlotProposal(1, X), new SlotProposal(2, SlotValue.NOOP), new SlotProposal(3, Y));

    core.propose(new Command(0, 5, new byte[] {5}));
    Accept next = sent(core.drain(), Accept.class).get(0);
    assertThat(next.proposals()).extracting(SlotProposal::slot).containsExactly(4L);
  }

  @Test
  void acceptorPersistsItsPromiseBeforeReplyingAndRejectsLowerBallots() {
    PaxosCore acceptor = core(1, Set.of());
    Ballot high = new Ballot(5, 0);
    acceptor.step(0, new Prepare(high, 1));
    Ready r = acceptor.drain();
    assertThat(r.persist()).containsExactly(new DurableRecord.Promised(high));
    assertThat(sent(r, Promise.class)).hasSize(1);

    acceptor.step(2, new Accept(new Ballot(3, 2), 0, List.of(new SlotProposal(1, X))));
    Ready rejected = acceptor.drain();
    assertThat(rejected.persist()).isEmpty();
    assertThat(sent(rejected, Reject.class)).containsExactly(new Reject(new Ballot(3, 2), high));
  }

  @Test
  void acceptWithoutPromiseCheckBugAcceptsLowerBallots() {
    PaxosCore acceptor = core(1, Set.of(PaxosBug.ACCEPT_WITHOUT_PROMISE_CHECK));
    acceptor.step(0, new Prepare(new Ballot(5, 0), 1));
    acceptor.drain();
    acceptor.step(2, new Accept(new Ballot(3, 2), 0, List.of(new SlotProposal(1, X))));
    Ready r = acceptor.drain();
    assertThat(r.persist()).containsExactly(new DurableRecord.Accepted(1, new Ballot(3, 2), X));
  }

  @Test
  void decidedSlotsAreAppliedInOrderOnceTheCommitIndexCoversThem() {
    PaxosCore follower = core(1, Set.of());
    Ballot b = new Ballot(2, 0);
    follower.step(0, new Accept(b, 0, List.of(new SlotProposal(2, Y), new SlotProposal(1, X))));
    assertThat(follower.drain().apply()).isEmpty();
    follower.step(0, new PaxosMessage.Commit(b, 2, 1));
    assertThat(follower.drain().apply()).containsExactly(new SlotProposal(1, X), new SlotProposal(2, Y));
  }

  @Test
  void recoveredNodeReappliesDecidedSlotsAndKeepsItsPromise() {
    DurableState state = DurableState.empty();
    Ballot b = new Ballot(4, 2);
    state.replay(new DurableRecord.Promised(b));
    state.replay(new DurableRecord.Accepted(1, b, X));
    state.replay(new DurableRecord.Accepted(2, b, Y));
    state.replay(new DurableRecord.ChosenUpTo(1));
    PaxosCore core = new PaxosCore(PaxosConfig.defaults(0, 3), new SplittableRandom(1), state);
    assertThat(core.drain().apply()).containsExactly(new SlotProposal(1, X));
    core.step(1, new Accept(new Ballot(3, 1), 0, List.of(new SlotProposal(3, X))));
    assertThat(sent(core.drain(), Reject.class)).hasSize(1);
  }

  @Test
  void forwardToANodeThatDoesNotLeadThatBallotIsRejectedDefinitely() {
    PaxosCore notLeader = core(2, Set.of());
    notLeader.step(0, new Forward(new Ballot(3, 0), List.of(new Command(0, 42, new byte[] {1}))));
    assertThat(sent(notLeader.drain(), ForwardRejected.class)).containsExactly(new ForwardRejected(List.of(42L)));
  }

  @Test
  void proposalWithNoKnownLeaderFailsDefinitelyAndReadsAreRefused() {
    PaxosCore lonely = core(1, Set.of());
    lonely.propose(new Command(1, 7, new byte[] {1}));
    lonely.read(8);
    Ready r = lonely.drain();
    assertThat(r.rejected()).containsExactly(7L);
    assertThat(r.readsFailed()).containsExactly(8L);
  }
}
