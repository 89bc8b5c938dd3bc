package io.faultline.node.paxos;

import io.faultline.node.paxos.DurableState.SlotState;
import io.faultline.node.paxos.LeaderState.ForwardKey;
import io.faultline.node.paxos.LeaderState.Inflight;
import io.faultline.node.paxos.LeaderState.ReadWaiter;
import io.faultline.node.paxos.PaxosMessage.Accept;
import io.faultline.node.paxos.PaxosMessage.Accepted;
import io.faultline.node.paxos.PaxosMessage.AcceptedEntry;
import io.faultline.node.paxos.PaxosMessage.CatchUpReply;
import io.faultline.node.paxos.PaxosMessage.CatchUpRequest;
import io.faultline.node.paxos.PaxosMessage.Commit;
import io.faultline.node.paxos.PaxosMessage.CommitAck;
import io.faultline.node.paxos.PaxosMessage.Forward;
import io.faultline.node.paxos.PaxosMessage.ForwardRejected;
import io.faultline.node.paxos.PaxosMessage.Prepare;
import io.faultline.node.paxos.PaxosMessage.Promise;
import io.faultline.node.paxos.PaxosMessage.ReadIndexReply;
import io.faultline.node.paxos.PaxosMessage.ReadRequest;
import io.faultline.node.paxos.PaxosMessage.Reject;
import io.faultline.node.paxos.PaxosMessage.SlotProposal;
import io.faultline.node.paxos.PaxosMessage.SnapshotReply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The deterministic Multi-Paxos core of one node: acceptor, learner and (when elected)
 * distinguished proposer. Inputs are {@link #tick}, {@link #step}, {@link #propose} and
 * {@link #read}; all output accumulates until {@link #drain} hands it over as a {@link Ready}
 * that the shell must persist before it sends or applies anything. No I/O, threads, clocks or
 * global randomness: the same inputs and seed give the same outputs.
 *
 * <p>Protocol outline. A node that hears no leader for a randomised timeout runs Phase 1 once for
 * every slot above its decided prefix. With promises from a majority it re-proposes, per slot,
 * the highest-ballot value reported, fills gaps with no-ops, and then assigns fresh slots to
 * batches of client commands, keeping up to {@code window} slots in Phase 2 at once. Decided
 * slots are announced with the commit index in heartbeats; a node missing values asks any peer
 * for them (or its snapshot). Reads are confirmed by a heartbeat round acknowledged by a majority
 * after the read arrived.
 *
 * <p>Not thread-safe: one thread owns a core.
 */
public final class PaxosCore {
  private enum Role { FOLLOWER, CANDIDATE, LEADER }

  private static final int MAX_CATCH_UP_SLOTS = 256;
  private static final int MAX_TAKEN_FORWARDS = 200_000;

  private final PaxosConfig cfg;
  private final RandomGenerator random;
  private final int self;
  private final DurableState durable;
  private final Ballot recoveredPromise;

  private long now;
  private long chosenPrefix;
  private long persistedChosenUpTo;
  private long applied;
  private long highestRound;

  private Role role = Role.FOLLOWER;
  private int leader = -1;
  private Ballot leaderBallot = Ballot.ZERO;
  private long lastHeardLeader = Long.MIN_VALUE / 2;
  private long electionDeadline;

  private Ballot campaignBallot;
  private final Map<Integer, Promise> promises = new HashMap<>();
  private long lastPrepareTick;

  private LeaderState lead;
  private long lastHeartbeatTick;
  private long lastQuorumCheckTick;
  private long lastCommitBroadcast;
  /** Forwards taken by any leadership of this incarnation; a later copy is a duplicate. */
  private final LinkedHashMap<ForwardKey, Boolean> takenForwards =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ForwardKey, Boolean> eldest) {
          return size() > MAX_TAKEN_FORWARDS;
        }
      };

  private Ballot commitBallot = Ballot.ZERO;
  private long commitHint;
  private long catchUpGoal;
  private int catchUpSource = -1;
  private long lastCatchUpTick = Long.MIN_VALUE / 2;

  private final LocalReads localReads = new LocalReads();
  private final List<Command> forwardBuffer = new ArrayList<>();
  /** Own commands forwarded to the leader we follow: unknown once we follow someone else. */
  private final Map<Long, Long> forwarded = new HashMap<>(); // id -> tick forwarded
  private final ArrayDeque<PaxosMessage> loopback = new ArrayDeque<>();

  private Ready.SnapshotInstall outSnapshot;
  private List<DurableRecord> outPersist = new ArrayList<>();
  private List<Ready.Outbound> outMessages = new ArrayList<>();
  private List<Long> outReadsReady = new ArrayList<>();
  private List<Long> outReadsFailed = new ArrayList<>();
  private List<Long> outRejected = new ArrayList<>();
  private List<Long> outAbandoned = new ArrayList<>();

  /**
   * @param recovered what this node's storage held; the shell has already restored the state
   *     machine from {@code recovered.snapshot()}
   */
  public PaxosCore(PaxosConfig cfg, RandomGenerator random, DurableState recovered) {
    this.cfg = cfg;
    this.random = random;
    this.self = cfg.self();
    this.durable = recovered;
    this.recoveredPromise = recovered.promised();
    this.applied = recovered.snapshotSlot();
    long prefix = recovered.snapshotSlot();
    while (prefix < recovered.chosenUpTo() && recovered.log().containsKey(prefix + 1)) {
      prefix++;
    }
    this.chosenPrefix = prefix;
    this.persistedChosenUpTo = prefix;
    this.highestRound = recovered.promised().round();
    resetElectionTimer();
  }

  // ---------------------------------------------------------------- inputs

  /** Advances the logical clock by one tick. */
  public void tick() {
    now++;
    if (now % cfg.heartbeatTicks() == 0) {
      localReads.expire(now, outReadsFailed);
      expireForwarded();
    }
    switch (role) {
      case FOLLOWER -> {
        if (now >= electionDeadline) {
          startCampaign();
        }
      }
      case CANDIDATE -> {
        if (now >= electionDeadline) {
          startCampaign();
        } else if (now - lastPrepareTick >= 2L * cfg.heartbeatTicks()) {
          resendPrepare();
        }
      }
      case LEADER -> leaderTick();
    }
    maybeCatchUp();
    settle();
  }

  /** Handles one message from peer {@code from}. */
  public void step(int from, PaxosMessage message) {
    if (from < 0 || from >= cfg.clusterSize() || from == self) {
      return;
    }
    dispatch(from, message);
    settle();
  }

  /** Submits a client command that originated at this node ({@code command.origin() == self}). */
  public void propose(Command command) {
    if (role == Role.LEADER) {
      lead.queue.add(command);
    } else if (role == Role.FOLLOWER && leader >= 0) {
      forwardBuffer.add(command);
    } else {
      outRejected.add(command.id());
    }
    settle();
  }

  /** Asks to serve read {@code readId}; it comes back in {@link Ready#readsReady} or {@link Ready#readsFailed}. */
  public void read(long readId) {
    localReads.start(readId, now + 2L * cfg.electionTicks());
    if (cfg.readPolicy() == ReadPolicy.LOCAL) {
      localReads.awaitApply(applied, readId);
    } else if (role == Role.LEADER) {
      leaderRead(self, readId);
    } else if (role == Role.FOLLOWER && leader >= 0) {
      send(leader, new ReadRequest(readId));
    } else {
      localReads.fail(readId, outReadsFailed);
    }
    settle();
  }

  /**
   * The shell snapshotted the state machine after applying every slot up to {@code lastSlot}
   * (and made the snapshot durable); the log below it is dropped.
   */
  public void compact(long lastSlot, byte[] snapshot) {
    if (lastSlot > applied || lastSlot <= durable.snapshotSlot) {
      return;
    }
    durable.snapshotSlot = lastSlot;
    durable.snapshot = snapshot;
    durable.log.headMap(lastSlot, true).clear();
  }

  /** Hands over everything produced since the last call. */
  public Ready drain() {
    settle();
    advancePrefix();
    if (role == Role.LEADER && chosenPrefix > lastCommitBroadcast) {
      lastCommitBroadcast = chosenPrefix;
      broadcast(new Commit(lead.ballot, chosenPrefix, lead.round));
    }
    if (chosenPrefix > persistedChosenUpTo) {
      persistedChosenUpTo = chosenPrefix;
      outPersist.add(new DurableRecord.ChosenUpTo(chosenPrefix));
    }
    List<SlotProposal> apply = new ArrayList<>();
    while (applied < chosenPrefix) {
      applied++;
      SlotState decided = durable.log.get(applied);
      if (decided == null) {
        throw new IllegalStateException("slot " + applied + " is decided but its value is missing");
      }
      apply.add(new SlotProposal(applied, decided.value));
      if (!forwarded.isEmpty()) {
        decided.value.commands().forEach(c -> {
          if (c.origin() == self) {
            forwarded.remove(c.id());
          }
        });
      }
    }
    localReads.releaseApplied(applied, outReadsReady);
    Ready ready = new Ready(outSnapshot, outPersist, outMessages, apply, outReadsReady,
        outReadsFailed, outRejected, outAbandoned);
    outSnapshot = null;
    outPersist = new ArrayList<>();
    outMessages = new ArrayList<>();
    outReadsReady = new ArrayList<>();
    outReadsFailed = new ArrayList<>();
    outRejected = new ArrayList<>();
    outAbandoned = new ArrayList<>();
    return ready;
  }

  // ---------------------------------------------------------------- observation

  public boolean isLeader() {
    return role == Role.LEADER;
  }

  /** The node index this node follows (itself when leading), or -1. */
  public int leader() {
    return leader;
  }

  public String role() {
    return switch (role) {
      case LEADER -> "leader";
      case CANDIDATE -> "candidate";
      case FOLLOWER -> "follower";
    };
  }

  public Ballot promised() {
    return durable.promised;
  }

  public long chosenPrefix() {
    return chosenPrefix;
  }

  public long applied() {
    return applied;
  }

  /** A one-line dump of the learner and leader state, for debugging a simulation seed. */
  public String debugState() {
    return "commitHint=" + commitHint + "@" + commitBallot + " goal=" + catchUpGoal + " src=" + catchUpSource
        + " lastCU=" + lastCatchUpTick + " now=" + now + " tail=" + durable.log.tailMap(chosenPrefix - 1).entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue().ballot + "=" + e.getValue().value.commands()).toList()
        + (lead != null ? " inflight=" + lead.inflight.keySet() + " queue=" + lead.queue.size() + " next=" + lead.nextSlot + " decAhead=" + lead.decidedAhead : "");
  }

  /** The records that rebuild this node's acceptor on top of its latest snapshot (for log rewrite). */
  public List<DurableRecord> durableRecordsAfterSnapshot() {
    List<DurableRecord> records = new ArrayList<>();
    records.add(new DurableRecord.Promised(durable.promised));
    for (Map.Entry<Long, SlotState> e : durable.log.entrySet()) {
      records.add(new DurableRecord.Accepted(e.getKey(), e.getValue().ballot, e.getValue().value));
    }
    records.add(new DurableRecord.ChosenUpTo(persistedChosenUpTo));
    return records;
  }

  // ---------------------------------------------------------------- dispatch

  private void dispatch(int from, PaxosMessage message) {
    if (message instanceof Prepare m) {
      onPrepare(from, m);
    } else if (message instanceof Promise m) {
      onPromise(from, m);
    } else if (message instanceof Reject m) {
      onReject(m);
    } else if (message instanceof Accept m) {
      onAccept(from, m);
    } else if (message instanceof Accepted m) {
      onAccepted(from, m);
    } else if (message instanceof Commit m) {
      onCommit(from, m);
    } else if (message instanceof CommitAck m) {
      onCommitAck(from, m);
    } else if (message instanceof CatchUpRequest m) {
      onCatchUpRequest(from, m);
    } else if (message instanceof CatchUpReply m) {
      onCatchUpReply(m);
    } else if (message instanceof SnapshotReply m) {
      onSnapshotReply(m);
    } else if (message instanceof Forward m) {
      onForward(from, m);
    } else if (message instanceof ForwardRejected m) {
      m.ids().forEach(forwarded::remove);
      outRejected.addAll(m.ids());
    } else if (message instanceof ReadRequest m) {
      if (role == Role.LEADER) {
        leaderRead(from, m.readId());
      } else {
        send(from, new ReadIndexReply(m.readId(), -1));
      }
    } else if (message instanceof ReadIndexReply m) {
      if (localReads.isPending(m.readId())) {
        if (m.readIndex() < 0) {
          localReads.fail(m.readId(), outReadsFailed);
        } else {
          localReads.awaitApply(m.readIndex(), m.readId());
        }
      }
    } else {
      throw new AssertionError("unhandled message " + message);
    }
  }

  // ---------------------------------------------------------------- acceptor

  private void onPrepare(int from, Prepare p) {
    noteRound(p.ballot());
    boolean stickyToLeader = from != self && role == Role.FOLLOWER && leader >= 0
        && leader != from && now - lastHeardLeader < cfg.electionTicks();
    if (stickyToLeader) {
      return; // a live leader keeps its followers; also what makes lease reads hold without skew
    }
    if (!p.ballot().atLeast(durable.promised)) {
      send(from, new Reject(p.ballot(), durable.promised));
      return;
    }
    raisePromise(p.ballot());
    if (from != self) {
      if (role == Role.LEADER) {
        stepDown();
      } else if (role == Role.CANDIDATE) {
        becomeFollower(-1);
      }
    }
    List<AcceptedEntry> entries = new ArrayList<>();
    long firstUndecided = Math.max(p.fromSlot(), chosenPrefix + 1);
    for (Map.Entry<Long, SlotState> e : durable.log.tailMap(firstUndecided, true).entrySet()) {
      entries.add(new AcceptedEntry(e.getKey(), e.getValue().ballot, e.getValue().value));
    }
    send(from, new Promise(p.ballot(), chosenPrefix, entries));
  }

  private void onAccept(int from, Accept a) {
    noteRound(a.ballot());
    boolean checkPromise = !cfg.has(PaxosBug.ACCEPT_WITHOUT_PROMISE_CHECK);
    if (checkPromise && !a.ballot().atLeast(durable.promised)) {
      send(from, new Reject(a.ballot(), durable.promised));
      return;
    }
    raisePromise(a.ballot());
    heardFromLeader(from, a.ballot());
    List<Long> slots = new ArrayList<>(a.proposals().size());
    for (SlotProposal p : a.proposals()) {
      slots.add(p.slot());
      if (p.slot() <= chosenPrefix) {
        continue; // already decided here; Paxos guarantees the proposal carries the same value
      }
      SlotState existing = durable.log.get(p.slot());
      if (existing != null && existing.ballot.equals(a.ballot())) {
        continue; // a retransmission
      }
      durable.log.put(p.slot(), new SlotState(a.ballot(), p.value()));
      outPersist.add(new DurableRecord.Accepted(p.slot(), a.ballot(), p.value()));
    }
    send(from, new Accepted(a.ballot(), slots));
    learnCommit(from, a.ballot(), a.commitIndex());
  }

  private void onCommit(int from, Commit c) {
    noteRound(c.ballot());
    if (!c.ballot().atLeast(durable.promised)) {
      send(from, new Reject(c.ballot(), durable.promised));
      return;
    }
    heardFromLeader(from, c.ballot());
    learnCommit(from, c.ballot(), c.commitIndex());
    send(from, new CommitAck(c.ballot(), c.readRound(), chosenPrefix));
  }

  private void raisePromise(Ballot ballot) {
    if (ballot.greaterThan(durable.promised)) {
      durable.promised = ballot;
      outPersist.add(new DurableRecord.Promised(ballot));
    }
  }

  // ---------------------------------------------------------------- learner

  private void learnCommit(int from, Ballot ballot, long commitIndex) {
    if (commitIndex >= commitHint) {
      commitHint = commitIndex;
      commitBallot = ballot;
    }
    if (commitIndex >= catchUpGoal) { // ">=": prefer the newest leader as the source
      catchUpGoal = commitIndex;
      catchUpSource = from;
    }
  }

  /** Extends the contiguous decided prefix with everything this node can prove decided. */
  private void advancePrefix() {
    while (true) {
      long next = chosenPrefix + 1;
      if (lead != null && lead.decidedAhead.remove(next)) {
        chosenPrefix = next;
        continue;
      }
      SlotState s = durable.log.get(next);
      if (next <= commitHint && s != null && s.ballot.equals(commitBallot)) {
        chosenPrefix = next;
        continue;
      }
      return;
    }
  }

  private void maybeCatchUp() {
    advancePrefix();
    if (catchUpGoal > chosenPrefix && catchUpSource >= 0 && catchUpSource != self
        && now - lastCatchUpTick >= cfg.heartbeatTicks()) {
      lastCatchUpTick = now;
      send(catchUpSource, new CatchUpRequest(chosenPrefix + 1));
    }
  }

  private void onCatchUpRequest(int from, CatchUpRequest r) {
    if (r.fromSlot() <= durable.snapshotSlot && durable.snapshot != null) {
      send(from, new SnapshotReply(durable.snapshotSlot, durable.snapshot));
      return;
    }
    List<SlotProposal> chosen = new ArrayList<>();
    int bytes = 0;
    for (long s = r.fromSlot(); s <= chosenPrefix && chosen.size() < MAX_CATCH_UP_SLOTS
        && bytes < (4 << 20); s++) {
      SlotState st = durable.log.get(s);
      if (st == null) {
        break;
      }
      chosen.add(new SlotProposal(s, st.value));
      bytes += st.value.sizeBytes();
    }
    if (!chosen.isEmpty()) {
      send(from, new CatchUpReply(chosen));
    }
  }

  private void onCatchUpReply(CatchUpReply reply) {
    advancePrefix();
    boolean progressed = false;
    for (SlotProposal p : reply.chosen()) {
      if (p.slot() != chosenPrefix + 1) {
        continue;
      }
      SlotState old = durable.log.get(p.slot());
      durable.log.put(p.slot(), new SlotState(old == null ? Ballot.ZERO : old.ballot, p.value()));
      outPersist.add(new DurableRecord.Chosen(p.slot(), p.value()));
      chosenPrefix = p.slot();
      progressed = true;
      advancePrefix();
    }
    if (progressed) {
      lastCatchUpTick = Long.MIN_VALUE / 2; // keep pulling while behind
      maybeCatchUp();
    }
  }

  private void onSnapshotReply(SnapshotReply s) {
    if (s.lastSlot() <= chosenPrefix) {
      return;
    }
    durable.log.headMap(s.lastSlot(), true).clear();
    durable.snapshotSlot = s.lastSlot();
    durable.snapshot = s.snapshot();
    chosenPrefix = s.lastSlot();
    applied = s.lastSlot();
    if (lead != null) {
      lead.decidedAhead.headSet(s.lastSlot(), true).clear();
    }
    outSnapshot = new Ready.SnapshotInstall(s.lastSlot(), s.snapshot());
    lastCatchUpTick = Long.MIN_VALUE / 2;
    maybeCatchUp();
  }

  // ---------------------------------------------------------------- election

  /** The leader we forwarded to is gone or replaced: those commands' outcome is unknown. */
  private void abandonForwarded() {
    outAbandoned.addAll(forwarded.keySet());
    forwarded.clear();
  }

  /** A forward lost on the way (the leader never answered) must not be tracked forever. */
  private void expireForwarded() {
    forwarded.entrySet().removeIf(e -> {
      if (now - e.getValue() < 4L * cfg.electionTicks()) {
        return false;
      }
      outAbandoned.add(e.getKey());
      return true;
    });
  }

  private void startCampaign() {
    abandonForwarded();
    highestRound = Math.max(highestRound, durable.promised.round()) + 1;
    campaignBallot = new Ballot(highestRound, self);
    role = Role.CANDIDATE;
    leader = -1;
    promises.clear();
    resetElectionTimer();
    lastPrepareTick = now;
    Prepare prepare = new Prepare(campaignBallot, chosenPrefix + 1);
    for (int i = 0; i < cfg.clusterSize(); i++) {
      send(i, prepare);
    }
  }

  private void resendPrepare() {
    lastPrepareTick = now;
    Prepare prepare = new Prepare(campaignBallot, chosenPrefix + 1);
    for (int i = 0; i < cfg.clusterSize(); i++) {
      if (!promises.containsKey(i)) {
        send(i, prepare);
      }
    }
  }

  private void onPromise(int from, Promise p) {
    if (role != Role.CANDIDATE || !p.ballot().equals(campaignBallot)) {
      return;
    }
    promises.put(from, p);
    if (promises.size() >= cfg.majority()) {
      becomeLeader();
    }
  }

  private void onReject(Reject r) {
    noteRound(r.promised());
    if (!r.promised().greaterThan(r.rejected())) {
      return;
    }
    if (role == Role.CANDIDATE && r.rejected().equals(campaignBallot)) {
      becomeFollower(-1); // back off for a random timeout: duelling proposers must not livelock
    } else if (role == Role.LEADER && r.rejected().equals(lead.ballot)) {
      stepDown();
    }
  }

  private void becomeLeader() {
    PhaseOneOutcome outcome = PhaseOneOutcome.of(self, chosenPrefix, promises);
    role = Role.LEADER;
    leader = self;
    lead = new LeaderState(campaignBallot, outcome.recoveryEnd(), cfg.clusterSize(), now);
    lastCommitBroadcast = chosenPrefix;
    lastHeartbeatTick = now;
    lastQuorumCheckTick = now;
    if (outcome.decidedUpTo() > chosenPrefix) {
      catchUpGoal = Math.max(catchUpGoal, outcome.decidedUpTo());
      catchUpSource = outcome.decidedSource();
      lastCatchUpTick = Long.MIN_VALUE / 2;
    }
    for (SlotProposal p : outcome.reproposals()) {
      lead.inflight.put(p.slot(), new Inflight(p.value(), now));
    }
    if (!outcome.reproposals().isEmpty()) {
      broadcastAccept(outcome.reproposals());
    }
    startRound();
  }

  private void heardFromLeader(int from, Ballot ballot) {
    if (from == self) {
      return;
    }
    if (role == Role.LEADER) {
      if (!ballot.greaterThan(lead.ballot)) {
        return;
      }
      stepDown();
    }
    if (!ballot.equals(leaderBallot)) {
      abandonForwarded();
    }
    role = Role.FOLLOWER;
    leader = from;
    leaderBallot = ballot;
    lastHeardLeader = now;
    resetElectionTimer();
  }

  private void becomeFollower(int newLeader) {
    if (role == Role.LEADER) {
      stepDown();
    }
    abandonForwarded();
    role = Role.FOLLOWER;
    leader = newLeader;
    resetElectionTimer();
  }

  /** Gives up leadership: queued commands are rejected (never proposed), proposed ones abandoned. */
  private void stepDown() {
    LeaderState old = lead;
    lead = null;
    role = Role.FOLLOWER;
    leader = -1;
    resetElectionTimer();
    Map<Integer, List<Long>> rejectedByOrigin = new HashMap<>();
    for (Command c : old.queue) {
      rejectedByOrigin.computeIfAbsent(c.origin(), k -> new ArrayList<>()).add(c.id());
    }
    for (Map.Entry<Integer, List<Long>> e : rejectedByOrigin.entrySet()) {
      if (e.getKey() == self) {
        outRejected.addAll(e.getValue());
      } else {
        send(e.getKey(), new ForwardRejected(e.getValue()));
      }
    }
    for (Inflight i : old.inflight.values()) {
      for (Command c : i.value.commands()) {
        if (c.origin() == self) {
          outAbandoned.add(c.id());
        }
      }
    }
    for (ReadWaiter w : old.unassignedReads) {
      refuseRead(w);
    }
    for (List<ReadWaiter> ws : old.readsByRound.values()) {
      ws.forEach(this::refuseRead);
    }
  }

  private void resetElectionTimer() {
    electionDeadline = now + cfg.electionTicks() + random.nextInt(cfg.electionTicks());
  }

  private void noteRound(Ballot ballot) {
    highestRound = Math.max(highestRound, ballot.round());
  }

  // ---------------------------------------------------------------- leader

  private void leaderTick() {
    if (now - lastHeartbeatTick >= cfg.heartbeatTicks()) {
      startRound();
    }
    retransmitAccepts();
    // the stale-leader-reads bug also skips this check: a leader that never confirms it still
    // leads keeps serving reads until a higher ballot reaches it
    if (now - lastQuorumCheckTick >= cfg.electionTicks() && !cfg.has(PaxosBug.STALE_LEADER_READS)) {
      lastQuorumCheckTick = now;
      if (!lead.quorumHeardSince(self, cfg.majority(), now - cfg.electionTicks(), now)) {
        stepDown(); // cut off from a majority: stop accepting commands that cannot commit
      }
    }
  }

  private void onAccepted(int from, Accepted m) {
    if (role != Role.LEADER || !m.ballot().equals(lead.ballot)) {
      return;
    }
    lead.lastAckTick[from] = now;
    for (long slot : m.slots()) {
      Inflight i = lead.inflight.get(slot);
      if (i != null && i.acceptedBy.add(from) && i.acceptedBy.size() >= cfg.majority()) {
        lead.inflight.remove(slot);
        if (slot > chosenPrefix) {
          lead.decidedAhead.add(slot);
        }
      }
    }
  }

  private void onCommitAck(int from, CommitAck a) {
    if (role != Role.LEADER || !a.ballot().equals(lead.ballot)) {
      return;
    }
    lead.lastAckTick[from] = now;
    lead.ackedRound[from] = Math.max(lead.ackedRound[from], a.readRound());
    releaseConfirmedReads();
  }

  private void onForward(int from, Forward f) {
    List<Long> refused = new ArrayList<>();
    for (Command c : f.commands()) {
      ForwardKey key = new ForwardKey(c.origin(), c.id());
      if (takenForwards.containsKey(key)) {
        continue; // duplicate of a forward some leadership of ours already took
      }
      if (role == Role.LEADER && f.ballot().equals(lead.ballot)) {
        takenForwards.put(key, Boolean.TRUE);
        lead.queue.add(c);
      } else if (f.ballot().greaterThan(recoveredPromise) || f.ballot().node() != self) {
        takenForwards.put(key, Boolean.FALSE); // a later copy must not be taken either
        refused.add(c.id()); // we never led (or no longer lead) that ballot and never took it
      }
      // else: we may have taken it before a restart: stay silent, the outcome is unknown
    }
    if (!refused.isEmpty()) {
      send(from, new ForwardRejected(refused));
    }
  }

  /** Moves queued commands into fresh slots while the pipeline window has room. */
  private void flushQueue() {
    if (lead == null || lead.queue.isEmpty()) {
      return;
    }
    List<SlotProposal> fresh = new ArrayList<>();
    while (!lead.queue.isEmpty() && lead.inflight.size() < cfg.window()) {
      List<Command> batch = new ArrayList<>();
      while (!lead.queue.isEmpty() && batch.size() < cfg.maxBatch()) {
        batch.add(lead.queue.poll());
      }
      long slot = lead.nextSlot++;
      SlotValue value = new SlotValue(batch);
      lead.inflight.put(slot, new Inflight(value, now));
      fresh.add(new SlotProposal(slot, value));
    }
    if (!fresh.isEmpty()) { // window full: commands wait; sending nothing keeps settle() finite
      broadcastAccept(fresh);
    }
  }

  private void retransmitAccepts() {
    Map<Integer, List<SlotProposal>> perPeer = new HashMap<>();
    for (Map.Entry<Long, Inflight> e : lead.inflight.entrySet()) {
      Inflight i = e.getValue();
      if (now - i.lastSentTick < 2L * cfg.heartbeatTicks()) {
        continue;
      }
      i.lastSentTick = now;
      for (int peer = 0; peer < cfg.clusterSize(); peer++) {
        if (!i.acceptedBy.contains(peer)) {
          perPeer.computeIfAbsent(peer, k -> new ArrayList<>()).add(new SlotProposal(e.getKey(), i.value));
        }
      }
    }
    perPeer.forEach((peer, ps) -> send(peer, new Accept(lead.ballot, chosenPrefix, ps)));
  }

  private void broadcastAccept(List<SlotProposal> proposals) {
    Accept accept = new Accept(lead.ballot, chosenPrefix, proposals);
    for (int i = 0; i < cfg.clusterSize(); i++) {
      send(i, accept);
    }
  }

  // ---------------------------------------------------------------- reads

  private void leaderRead(int node, long readId) {
    long readIndex = Math.max(chosenPrefix, lead.recoveryEnd);
    if (cfg.has(PaxosBug.STALE_LEADER_READS)) {
      serveRead(new ReadWaiter(node, readId, chosenPrefix));
    } else if (cfg.readPolicy() == ReadPolicy.LEASE && leaseValid()) {
      serveRead(new ReadWaiter(node, readId, readIndex));
    } else {
      lead.unassignedReads.add(new ReadWaiter(node, readId, -1));
    }
  }

  private boolean leaseValid() {
    long confirmed = lead.confirmedRound(self, cfg.majority());
    Long sent = lead.roundSentTick.get(confirmed);
    return sent != null && sent + cfg.leaseTicks() > now;
  }

  /** Starts a heartbeat round; reads that arrived before it are served once a majority acks it. */
  private void startRound() {
    lastHeartbeatTick = now;
    lead.round++;
    lead.roundSentTick.put(lead.round, now);
    long confirmed = lead.confirmedRound(self, cfg.majority());
    lead.roundSentTick.keySet().removeIf(r -> r < confirmed);
    if (!lead.unassignedReads.isEmpty()) {
      long readIndex = Math.max(chosenPrefix, lead.recoveryEnd);
      List<ReadWaiter> waiters = new ArrayList<>();
      for (ReadWaiter w : lead.unassignedReads) {
        waiters.add(new ReadWaiter(w.node(), w.readId(), readIndex));
      }
      lead.unassignedReads.clear();
      lead.readsByRound.put(lead.round, waiters);
    }
    broadcast(new Commit(lead.ballot, chosenPrefix, lead.round));
    releaseConfirmedReads();
  }

  private void releaseConfirmedReads() {
    long confirmed = lead.confirmedRound(self, cfg.majority());
    Iterator<Map.Entry<Long, List<ReadWaiter>>> it =
        lead.readsByRound.headMap(confirmed, true).entrySet().iterator();
    while (it.hasNext()) {
      it.next().getValue().forEach(this::serveRead);
      it.remove();
    }
  }

  private void serveRead(ReadWaiter w) {
    if (w.node() == self) {
      localReads.awaitApply(w.readIndex(), w.readId());
    } else {
      send(w.node(), new ReadIndexReply(w.readId(), w.readIndex()));
    }
  }

  private void refuseRead(ReadWaiter w) {
    if (w.node() == self) {
      localReads.fail(w.readId(), outReadsFailed);
    } else {
      send(w.node(), new ReadIndexReply(w.readId(), -1));
    }
  }

  // ---------------------------------------------------------------- plumbing

  /** Runs after every input: delivers messages to self, batches proposals and forwards. */
  private void settle() {
    while (true) {
      while (!loopback.isEmpty()) {
        dispatch(self, loopback.poll());
      }
      flushQueue();
      if (lead != null && !lead.unassignedReads.isEmpty()
          && !lead.readRoundOutstanding(self, cfg.majority())) {
        startRound(); // batch: every read that arrived meanwhile shares one confirmation round
      }
      if (!forwardBuffer.isEmpty()) {
        if (role == Role.FOLLOWER && leader >= 0 && leader != self) {
          send(leader, new Forward(leaderBallot, List.copyOf(forwardBuffer)));
          forwardBuffer.forEach(c -> forwarded.put(c.id(), now));
        } else {
          forwardBuffer.forEach(c -> outRejected.add(c.id()));
        }
        forwardBuffer.clear();
      }
      if (loopback.isEmpty()) {
        return;
      }
    }
  }

  private void send(int to, PaxosMessage message) {
    if (to == self) {
      loopback.add(message);
    } else {
      outMessages.add(new Ready.Outbound(to, message));
    }
  }

  private void broadcast(PaxosMessage message) {
    for (int i = 0; i < cfg.clusterSize(); i++) {
      if (i != self) {
        send(i, message);
      }
    }
  }
}
