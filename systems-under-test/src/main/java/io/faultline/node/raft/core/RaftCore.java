package io.faultline.node.raft.core;

import io.faultline.node.raft.core.RaftMessage.AppendEntries;
import io.faultline.node.raft.core.RaftMessage.AppendResponse;
import io.faultline.node.raft.core.RaftMessage.Heartbeat;
import io.faultline.node.raft.core.RaftMessage.HeartbeatResponse;
import io.faultline.node.raft.core.RaftMessage.InstallSnapshot;
import io.faultline.node.raft.core.RaftMessage.RequestVote;
import io.faultline.node.raft.core.RaftMessage.VoteResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A Raft node as a deterministic state machine (after etcd-io/raft's RawNode): no threads, no
 * I/O, no clock. Inputs are {@link #tick()}, {@link #step}, {@link #propose} and
 * {@link #readIndex}; the output is a {@link Ready} batch the shell persists, sends and applies
 * before calling {@link #advance}. Randomness (election jitter) comes from the {@link Random}
 * passed in, so a seeded run replays exactly.
 *
 * <p>Features: pre-vote, check-quorum with leader stickiness (a node that heard from a leader
 * within the election timeout ignores vote requests), a no-op on election, commit only by
 * counting entries of the current term, batching and pipelining with per-follower in-flight
 * windows, fast backtracking with term hints, snapshots for followers behind the compacted log,
 * ReadIndex reads and (optionally) lease reads.
 *
 * <p>Not thread-safe: one thread owns a core.
 */
public final class RaftCore {
  /** Lease reads stop this many ticks before followers may vote again, for tick phase skew. */
  static final int LEASE_MARGIN_TICKS = 2;
  /** Heartbeat rounds to wait for a snapshot's acknowledgement before sending it again. */
  static final int SNAPSHOT_RETRY_ROUNDS = 20;
  /** How many of its own leader terms a node remembers for its status (election-safety check). */
  static final int LED_TERMS_KEPT = 64;

  private final RaftConfig config;
  private final String id;
  private final List<String> peers;
  private final Random random;
  private final RaftLog log;

  private long term;
  private String vote;
  private Role role = Role.FOLLOWER;
  private String leader;

  private long now;
  private long lastLeaderContact;
  private int electionElapsed;
  private int heartbeatElapsed;
  private int randomizedElectionTimeout;

  private final Map<String, Progress> progress = new LinkedHashMap<>();
  private final Set<String> granted = new HashSet<>();
  private final Set<String> rejected = new HashSet<>();
  private long round;
  private final PendingReads reads = new PendingReads();
  private long oldTermCommits; // see oldTermCommits()
  private long lastOldTermCommit;
  /** Terms this node has led since it started, newest last, at most {@link #LED_TERMS_KEPT}. */
  private List<Long> ledTerms = List.of(); // immutable, replaced on election: status reads it often

  private List<RaftMessage> outbox = new ArrayList<>();
  private List<ReadState> readStates = new ArrayList<>();
  private List<Long> failedReads = new ArrayList<>();
  private HardState persistedHardState;
  private Snapshot snapshotToPersist;

  /** Restarts a node from what its shell persisted (all empty for a brand-new node). */
  public RaftCore(
      RaftConfig config, Random random, HardState hardState, Snapshot snapshot, List<Entry> entries) {
    this.config = config;
    this.id = config.id();
    this.peers = config.voters().stream().filter(v -> !v.equals(id)).toList();
    this.random = random;
    this.log = new RaftLog(snapshot, entries);
    this.term = hardState.term();
    this.vote = hardState.vote();
    this.persistedHardState = hardState;
    resetElectionTimer();
  }

  public static RaftCore fresh(RaftConfig config, Random random) {
    return new RaftCore(config, random, new HardState(0, null), Snapshot.EMPTY, List.of());
  }

  // ---------------------------------------------------------------- inputs

  /** Advances the logical clock by one tick. */
  public void tick() {
    now++;
    if (role == Role.LEADER) {
      lastLeaderContact = now;
      electionElapsed++;
      heartbeatElapsed++;
      if (electionElapsed >= config.electionTicks()) {
        electionElapsed = 0;
        // Under stale-leader-reads a cut-off leader also never notices it was deposed.
        if (!checkQuorum() && !config.has(RaftBug.STALE_LEADER_READS)) {
          becomeFollower(term, null);
          return;
        }
      }
      if (heartbeatElapsed >= config.heartbeatTicks()) {
        broadcastHeartbeat();
      }
    } else if (++electionElapsed >= randomizedElectionTimeout) {
      campaign(true);
    }
  }

  /**
   * Appends commands to the log if this node leads. Returns the index of the first one, or -1
   * when this node is not the leader (nothing was appended anywhere).
   */
  public long propose(List<byte[]> commands) {
    if (role != Role.LEADER || commands.isEmpty()) {
      return -1;
    }
    long first = log.lastIndex() + 1;
    for (byte[] command : commands) {
      log.appendOwn(new Entry(log.lastIndex() + 1, term, command));
    }
    broadcastAppend();
    maybeCommit();
    return first;
  }

  /**
   * Asks for a linearizable read point. The answer is a {@link ReadState} or, if this node is not
   * (or stops being) the leader, the ctx in {@link Ready#failedReads()}.
   */
  public void readIndex(long ctx) {
    if (role != Role.LEADER) {
      failedReads.add(ctx);
    } else if (config.has(RaftBug.STALE_LEADER_READS)) {
      readStates.add(new ReadState(ctx, log.committed()));
    } else if (log.term(log.committed()) != term) {
      reads.deferUntilCommit(ctx); // our commit index may lag the last leader's until then
    } else if (peers.isEmpty() || (config.leaseReads() && leaseValid())) {
      readStates.add(new ReadState(ctx, log.committed()));
    } else {
      reads.add(ctx, log.committed());
    }
  }

  /** Handles a message from a peer. */
  public void step(RaftMessage m) {
    if (m.term() > term) {
      if (m instanceof RequestVote rv) {
        if (inLease()) {
          return; // we heard from a live leader recently: do not let anyone disrupt it
        }
        if (!rv.preVote()) {
          becomeFollower(m.term(), null);
        }
      } else if (!(m instanceof VoteResponse vr && vr.preVote() && vr.granted())) {
        boolean fromLeader =
            m instanceof AppendEntries || m instanceof Heartbeat || m instanceof InstallSnapshot;
        becomeFollower(m.term(), fromLeader ? m.from() : null);
      }
    } else if (m.term() < term) {
      if (m instanceof AppendEntries || m instanceof Heartbeat || m instanceof InstallSnapshot) {
        send(new AppendResponse(id, m.from(), term, false, 0, 0, 0)); // depose the stale leader
      } else if (m instanceof RequestVote rv && rv.preVote()) {
        send(new VoteResponse(id, m.from(), term, false, true));
      }
      return;
    }
    switch (m.type()) {
      case REQUEST_VOTE -> onRequestVote((RequestVote) m);
      case VOTE_RESPONSE -> onVoteResponse((VoteResponse) m);
      case APPEND_ENTRIES -> onAppend((AppendEntries) m);
      case APPEND_RESPONSE -> onAppendResponse((AppendResponse) m);
      case HEARTBEAT -> onHeartbeat((Heartbeat) m);
      case HEARTBEAT_RESPONSE -> onHeartbeatResponse((HeartbeatResponse) m);
      case INSTALL_SNAPSHOT -> onInstallSnapshot((InstallSnapshot) m);
      default -> throw new IllegalArgumentException("unknown message type " + m.type());
    }
  }

  /**
   * Replaces the log prefix up to {@code index} (already applied) by a snapshot of the state
   * machine; returns it so the shell can persist it.
   */
  public Snapshot compact(long index, byte[] data) {
    if (index > log.applied()) {
      throw new IllegalArgumentException(
          "cannot snapshot at " + index + ": only " + log.applied() + " applied");
    }
    Snapshot s = new Snapshot(index, log.term(index), data);
    log.compact(s);
    return s;
  }

  // ---------------------------------------------------------------- output

  /** Collects everything that happened since the last {@link #advance}. */
  public Ready ready() {
    if (role == Role.LEADER && reads.needsRound()) {
      broadcastHeartbeat();
    }
    HardState hs = new HardState(term, vote);
    Ready ready =
        new Ready(
            hs.equals(persistedHardState) ? null : hs,
            snapshotToPersist,
            log.unstableEntries(),
            outbox,
            log.committedToApply(),
            readStates,
            failedReads);
    outbox = new ArrayList<>();
    readStates = new ArrayList<>();
    failedReads = new ArrayList<>();
    return ready;
  }

  /** The shell has persisted (durably), sent and applied {@code ready}. */
  public void advance(Ready ready) {
    if (ready.hardState() != null) {
      persistedHardState = ready.hardState();
    }
    if (ready.snapshot() != null && ready.snapshot() == snapshotToPersist) {
      snapshotToPersist = null;
    }
    handedOut(ready);
    if (ready.snapshot() != null) {
      log.durableTo(ready.snapshot().index(), ready.snapshot().term());
    }
    if (!ready.entries().isEmpty()) {
      Entry last = ready.entries().get(ready.entries().size() - 1);
      persisted(last.index(), last.term());
    }
  }

  /**
   * The shell has sent and applied {@code ready} but is still writing its entries (a leader may
   * write its own log in parallel with its followers, Raft thesis §10.2.1); it calls {@link
   * #persisted} when they are durable. Until then this node does not count itself as holding
   * them. Only for a Ready whose messages promise nothing about this node's disk: no hard state
   * or snapshot to persist, and sent by a leader.
   */
  public void advanceWritePending(Ready ready) {
    if (ready.hardState() != null || ready.snapshot() != null) {
      throw new IllegalArgumentException("a hard state or snapshot must be persisted before advance");
    }
    handedOut(ready);
  }

  /** The entry at {@code index} of {@code term} and all before it are durable on this node. */
  public void persisted(long index, long term) {
    log.durableTo(index, term);
    if (role == Role.LEADER && maybeCommit()) {
      broadcastCommit();
    }
  }

  private void handedOut(Ready ready) {
    if (!ready.entries().isEmpty()) {
      log.stableTo(ready.entries().get(ready.entries().size() - 1).index());
    }
    if (!ready.committedEntries().isEmpty()) {
      log.appliedTo(ready.committedEntries().get(ready.committedEntries().size() - 1).index());
    }
  }

  // ---------------------------------------------------------------- elections

  private void campaign(boolean pre) {
    granted.clear();
    rejected.clear();
    granted.add(id);
    leader = null;
    resetElectionTimer();
    if (pre) {
      role = Role.PRE_CANDIDATE;
    } else {
      role = Role.CANDIDATE;
      term++;
      vote = id;
    }
    if (granted.size() >= config.quorum()) {
      if (pre) {
        campaign(false);
      } else {
        becomeLeader();
      }
      return;
    }
    long askedTerm = pre ? term + 1 : term;
    for (String p : peers) {
      send(new RequestVote(id, p, askedTerm, log.lastIndex(), log.lastTerm(), pre));
    }
  }

  private void onRequestVote(RequestVote rv) {
    boolean canVote =
        rv.from().equals(vote)
            || (vote == null && leader == null)
            || (rv.preVote() && rv.term() > term);
    if (!rv.preVote() && config.has(RaftBug.DOUBLE_VOTE) && role == Role.FOLLOWER) {
      canVote = true;
    }
    if (canVote && log.isUpToDate(rv.lastIndex(), rv.lastTerm())) {
      send(new VoteResponse(id, rv.from(), rv.term(), true, rv.preVote()));
      if (!rv.preVote()) {
        vote = rv.from();
        electionElapsed = 0;
      }
    } else {
      send(new VoteResponse(id, rv.from(), term, false, rv.preVote()));
    }
  }

  private void onVoteResponse(VoteResponse vr) {
    if (vr.preVote()) {
      if (role != Role.PRE_CANDIDATE || (vr.granted() && vr.term() != term + 1)) {
        return;
      }
    } else if (role != Role.CANDIDATE || vr.term() != term) {
      return;
    }
    (vr.granted() ? granted : rejected).add(vr.from());
    if (granted.size() >= config.quorum()) {
      if (vr.preVote()) {
        campaign(false);
      } else {
        becomeLeader();
      }
    } else if (rejected.size() >= config.quorum()) {
      becomeFollower(term, null);
    }
  }

  private boolean inLease() {
    return now - lastLeaderContact < config.electionTicks();
  }

  private void becomeFollower(long newTerm, String newLeader) {
    reads.failAll(failedReads);
    if (newTerm != term) {
      term = newTerm;
      vote = null;
    }
    role = Role.FOLLOWER;
    leader = newLeader;
    progress.clear();
    resetElectionTimer();
  }

  private void becomeLeader() {
    List<Long> led = new ArrayList<>(ledTerms);
    led.add(term);
    ledTerms = List.copyOf(led.subList(Math.max(0, led.size() - LED_TERMS_KEPT), led.size()));
    role = Role.LEADER;
    leader = id;
    electionElapsed = 0;
    heartbeatElapsed = 0;
    lastLeaderContact = now;
    progress.clear();
    for (String p : peers) {
      progress.put(p, new Progress(log.lastIndex() + 1));
    }
    if (config.has(RaftBug.COMMIT_OLD_TERM)) {
      // The no-op exists so that the correct commit rule can commit earlier terms' entries; an
      // implementation that commits them by counting replicas has no use for it. (With it, the
      // no-op rides in the same append as the old entries and masks the bug.) Announce the new
      // term with a heartbeat instead: its answers start the probes that re-replicate the log.
      broadcastHeartbeat();
      return;
    }
    log.appendOwn(new Entry(log.lastIndex() + 1, term, null));
    broadcastAppend();
    maybeCommit();
  }

  private boolean checkQuorum() {
    int active = 1;
    for (Progress pr : progress.values()) {
      if (pr.recentActive) {
        active++;
      }
      pr.recentActive = false;
    }
    return active >= config.quorum();
  }

  private void resetElectionTimer() {
    electionElapsed = 0;
    randomizedElectionTimeout = config.electionTicks() + random.nextInt(config.electionTicks());
  }

  // ---------------------------------------------------------------- replication (leader)

  private void broadcastAppend() {
    for (String p : peers) {
      sendAppends(p);
    }
  }

  /** Sends as many appends to {@code to} as its window allows; returns whether any went out. */
  private boolean sendAppends(String to) {
    boolean any = false;
    while (sendAppend(to, false)) {
      any = true;
    }
    return any;
  }

  /** Sends one append (or the snapshot) unless the follower is paused; true if something went. */
  private boolean sendAppend(String to, boolean evenIfEmpty) {
    Progress pr = progress.get(to);
    if (pr.isPaused(config.maxInflight())) {
      return false;
    }
    long prevIndex = pr.next - 1;
    long prevTerm = log.term(prevIndex);
    if (prevTerm < 0 && prevIndex < log.snapshotIndex()) {
      Snapshot snap = log.snapshot();
      send(new InstallSnapshot(id, to, term, snap));
      pr.becomeSnapshot(snap.index());
      return false;
    }
    List<Entry> entries =
        log.slice(pr.next, log.lastIndex(), config.maxEntriesPerAppend(), config.maxBytesPerAppend());
    if (entries.isEmpty() && !evenIfEmpty) {
      return false;
    }
    send(new AppendEntries(id, to, term, prevIndex, prevTerm, entries, log.committed()));
    if (pr.state == Progress.State.REPLICATE) {
      if (!entries.isEmpty()) {
        long last = entries.get(entries.size() - 1).index();
        pr.next = last + 1;
        pr.inflight.addLast(last);
      }
    } else {
      pr.probeSent = true;
    }
    return !entries.isEmpty();
  }

  private void onAppendResponse(AppendResponse ar) {
    Progress pr = role == Role.LEADER ? progress.get(ar.from()) : null;
    if (pr == null) {
      return;
    }
    pr.recentActive = true;
    if (!ar.success()) {
      onRejection(pr, ar);
      return;
    }
    if (ar.index() > log.lastIndex()) {
      // A follower acknowledges only entries this leader sent it, or its own committed prefix,
      // which every leader holds (Leader Completeness). An index beyond our log proves it
      // committed entries this leader never had: a committed write is lost. Halt, as a follower
      // does when a leader contradicts its committed prefix (checkCommittedPrefix).
      throw new IllegalStateException("safety violation: " + ar.from() + " holds committed entries up to "
          + ar.index() + ", beyond the last index " + log.lastIndex() + " of leader " + id + " of term " + term);
    }
    boolean advanced = pr.maybeUpdate(ar.index());
    if (pr.state == Progress.State.PROBE
        || (pr.state == Progress.State.SNAPSHOT && pr.match >= pr.pendingSnapshot)) {
      pr.becomeReplicate();
    }
    if (advanced && maybeCommit()) {
      broadcastCommit();
    } else {
      sendAppends(ar.from());
    }
  }

  private void broadcastCommit() {
    for (String p : peers) {
      if (!sendAppends(p)) {
        sendAppend(p, true); // carry the new commit index
      }
    }
  }

  private void onRejection(Progress pr, AppendResponse ar) {
    boolean stale =
        switch (pr.state) {
          case REPLICATE -> ar.index() <= pr.match;
          case PROBE -> ar.index() != pr.next - 1;
          case SNAPSHOT -> true;
        };
    if (stale) {
      return;
    }
    long probe =
        ar.hintTerm() > 0
            ? log.lastIndexWithTermAtMost(ar.hintIndex(), ar.hintTerm())
            : ar.hintIndex();
    pr.state = Progress.State.PROBE;
    pr.inflight.clear();
    pr.probeSent = false;
    pr.next = Math.max(Math.min(ar.index(), probe + 1), pr.match + 1);
    sendAppend(ar.from(), true);
  }

  /** Commits the highest index a quorum holds, if it is of the current term (Figure 8). */
  private boolean maybeCommit() {
    long[] matches = new long[peers.size() + 1];
    matches[0] = log.durable(); // our own write may still be in flight
    int i = 1;
    for (Progress pr : progress.values()) {
      matches[i++] = pr.match;
    }
    Arrays.sort(matches);
    long candidate = matches[matches.length - config.quorum()];
    if (candidate <= log.committed()) {
      return false;
    }
    if (log.term(candidate) != term && !config.has(RaftBug.COMMIT_OLD_TERM)) {
      return false;
    }
    if (log.term(candidate) != term) {
      oldTermCommits++; // only under the bug: lets a positive control see that it took effect
      lastOldTermCommit = candidate;
    }
    boolean firstInTerm = log.term(log.committed()) != term;
    log.commitTo(candidate);
    if (firstInTerm && log.term(candidate) == term) {
      for (long ctx : reads.takeDeferred()) {
        readIndex(ctx);
      }
    }
    return true;
  }

  private void broadcastHeartbeat() {
    heartbeatElapsed = 0;
    round++;
    reads.assignRound(round);
    for (Map.Entry<String, Progress> e : progress.entrySet()) {
      long commit = Math.min(e.getValue().match, log.committed());
      send(new Heartbeat(id, e.getKey(), term, commit, round, now));
    }
  }

  private void onHeartbeatResponse(HeartbeatResponse hr) {
    Progress pr = role == Role.LEADER ? progress.get(hr.from()) : null;
    if (pr == null) {
      return;
    }
    pr.recentActive = true;
    if (hr.round() > pr.ackedRound) {
      pr.ackedRound = hr.round();
      pr.ackedSentTick = hr.sentTick();
    }
    if (pr.state == Progress.State.SNAPSHOT) {
      if (++pr.snapshotWaitRounds > SNAPSHOT_RETRY_ROUNDS) {
        pr.becomeProbe(); // the snapshot was probably lost: send it again
        sendAppend(hr.from(), true);
      }
    } else if (pr.match < log.lastIndex()) {
      if (pr.state == Progress.State.REPLICATE && pr.match == pr.matchAtLastHeartbeat) {
        pr.becomeProbe(); // nothing acknowledged for a whole heartbeat: appends were lost
      }
      pr.probeSent = false;
      pr.matchAtLastHeartbeat = pr.match;
      if (!sendAppends(hr.from())) {
        sendAppend(hr.from(), true);
      }
    }
    reads.release(quorumValue(p -> p.ackedRound, round), readStates);
  }

  /** The quorum-th highest of this leader's own value and its followers' values. */
  private long quorumValue(java.util.function.ToLongFunction<Progress> f, long own) {
    long[] values = new long[peers.size() + 1];
    values[0] = own;
    int i = 1;
    for (Progress pr : progress.values()) {
      values[i++] = f.applyAsLong(pr);
    }
    Arrays.sort(values);
    return values[values.length - config.quorum()];
  }

  private boolean leaseValid() {
    long quorumTick = quorumValue(p -> p.ackedSentTick, now);
    return now < quorumTick + config.electionTicks() - LEASE_MARGIN_TICKS;
  }

  // ---------------------------------------------------------------- replication (follower)

  private void acceptLeader(String from) {
    if (role != Role.FOLLOWER) {
      becomeFollower(term, from);
    }
    leader = from;
    electionElapsed = 0;
    lastLeaderContact = now;
  }

  private void onAppend(AppendEntries ae) {
    acceptLeader(ae.from());
    long prevIndex = ae.prevIndex();
    long prevTerm = ae.prevTerm();
    List<Entry> entries = ae.entries();
    long committed = log.committed();
    checkCommittedPrefix(entries, committed);
    if (prevIndex < committed) {
      // What we hold up to our commit index matches every leader's log: skip to it.
      entries = entries.stream().filter(e -> e.index() > committed).toList();
      prevIndex = committed;
      prevTerm = log.term(committed);
    }
    if (log.matchTerm(prevIndex, prevTerm)) {
      long lastNew = log.appendAfter(prevIndex, entries);
      log.commitTo(Math.min(ae.commit(), lastNew));
      send(new AppendResponse(id, ae.from(), term, true, lastNew, 0, 0));
      return;
    }
    long hintIndex = log.lastIndexWithTermAtMost(Math.min(prevIndex, log.lastIndex()), prevTerm);
    long hintTerm = log.term(hintIndex);
    send(new AppendResponse(id, ae.from(), term, false, prevIndex, hintIndex, Math.max(hintTerm, 0)));
  }

  /**
   * Every leader's log holds our committed entries (Leader Completeness). A leader sending a
   * different entry at one of those indexes proves the cluster lost a committed write: halt
   * rather than silently keep a state the others no longer share (etcd panics here too).
   */
  private void checkCommittedPrefix(List<Entry> entries, long committed) {
    for (Entry e : entries) {
      if (e.index() > committed) {
        return;
      }
      long mine = log.term(e.index());
      if (mine != -1 && mine != e.term()) {
        throw new IllegalStateException(
            "safety violation: leader " + leader + " of term " + term + " sent entry "
                + e.index() + " of term " + e.term() + ", but the committed entry there has term "
                + mine + " (committed " + committed + ")");
      }
    }
  }

  private void onHeartbeat(Heartbeat hb) {
    acceptLeader(hb.from());
    log.commitTo(Math.min(hb.commit(), log.lastIndex()));
    send(new HeartbeatResponse(id, hb.from(), term, hb.round(), hb.sentTick()));
  }

  private void onInstallSnapshot(InstallSnapshot is) {
    acceptLeader(is.from());
    Snapshot snap = is.snapshot();
    long index;
    if (snap.index() <= log.committed()) {
      index = log.committed();
    } else if (log.matchTerm(snap.index(), snap.term())) {
      log.commitTo(snap.index());
      index = snap.index();
    } else {
      log.restore(snap);
      snapshotToPersist = snap;
      index = snap.index();
    }
    send(new AppendResponse(id, is.from(), term, true, index, 0, 0));
  }

  private void send(RaftMessage m) {
    outbox.add(m);
  }

  // ---------------------------------------------------------------- inspection

  public String id() {
    return id;
  }

  public Role role() {
    return role;
  }

  public long term() {
    return term;
  }

  public String vote() {
    return vote;
  }

  /**
   * The terms this node became leader of since it started (the latest {@value #LED_TERMS_KEPT}),
   * oldest first. Two nodes listing one term break Election Safety, however briefly both led.
   */
  public List<Long> ledTerms() {
    return ledTerms;
  }

  /**
   * How often this leader committed an entry of an earlier term by counting replicas: always 0
   * unless {@link RaftBug#COMMIT_OLD_TERM} is on (a positive control reports it, to show the
   * fault schedule reached the bug at all).
   */
  public long oldTermCommits() {
    return oldTermCommits;
  }

  /** The index of the latest such commit (0 if none). */
  public long lastOldTermCommit() {
    return lastOldTermCommit;
  }

  /** The leader this node believes in, or null. */
  public String leader() {
    return leader;
  }

  public long commitIndex() {
    return log.committed();
  }

  public long appliedIndex() {
    return log.applied();
  }

  public long lastIndex() {
    return log.lastIndex();
  }

  public long snapshotIndex() {
    return log.snapshotIndex();
  }

  /** Term of the entry at {@code index}, -1 if compacted or absent. */
  public long termAt(long index) {
    return log.term(index);
  }

  /** The entry at {@code index}, which must lie after the snapshot and within the log. */
  public Entry entryAt(long index) {
    return log.entry(index);
  }

  /** The leader's view of each follower, for diagnostics ("" when not leading). */
  public String describeProgress() {
    StringBuilder b = new StringBuilder();
    progress.forEach(
        (p, pr) ->
            b.append(p).append("{").append(pr.state).append(" match=").append(pr.match)
                .append(" next=").append(pr.next).append(" inflight=").append(pr.inflight.size())
                .append(pr.probeSent ? " probeSent" : "").append("} "));
    return b.toString();
  }

  public RaftConfig config() {
    return config;
  }
}
