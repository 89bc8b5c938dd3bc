package io.faultline.node.raft;

import io.faultline.node.BugSpec;
import io.faultline.node.NodeConfig;
import io.faultline.node.NodeLog;
import io.faultline.node.ReadMode;
import io.faultline.node.Tuning;
import io.faultline.node.clock.NodeClock;
import io.faultline.node.consensus.Consensus;
import io.faultline.node.consensus.ConsensusStatus;
import io.faultline.node.consensus.DefiniteFailureException;
import io.faultline.node.consensus.LoopThreads;
import io.faultline.node.consensus.StateMachine;
import io.faultline.node.raft.RequestTracker.Local;
import io.faultline.node.raft.RequestTracker.Origin;
import io.faultline.node.raft.RequestTracker.Remote;
import io.faultline.node.raft.core.Entry;
import io.faultline.node.raft.core.HardState;
import io.faultline.node.raft.core.RaftBug;
import io.faultline.node.raft.core.RaftConfig;
import io.faultline.node.raft.core.RaftCore;
import io.faultline.node.raft.core.RaftMessage;
import io.faultline.node.raft.core.Ready;
import io.faultline.node.raft.core.Role;
import io.faultline.node.raft.core.Snapshot;
import io.faultline.node.raft.storage.RaftStorage;
import io.faultline.node.raft.wire.ForwardMessage.ForwardReply;
import io.faultline.node.raft.wire.ForwardMessage.ForwardRequest;
import io.faultline.node.raft.wire.RaftCodec;
import io.faultline.node.transport.PeerTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The thin shell around {@link RaftCore}: one event-loop thread owns the core, ticks it from the
 * {@link NodeClock} (so clock skew reaches every timer), feeds it peer messages and client work,
 * and handles each {@link Ready} in order: persist with one fsync ({@link RaftStorage}), send,
 * apply to the {@link StateMachine}, answer clients, {@code advance}. Followers forward commands
 * and reads to the leader. Recovery at {@link #start()} reads term, vote, snapshot and log.
 *
 * <p>Threading: {@link #propose}, {@link #query} and {@link #status} may be called from any thread
 * and never block; futures complete on the event-loop thread.
 */
public final class RaftConsensus implements Consensus {
  public static final String DESCRIPTION =
      "Raft with pre-vote, check-quorum, pipelining, snapshots; ReadIndex reads (lease/local optional)";
  public static final List<BugSpec> BUGS =
      Arrays.stream(RaftBug.values()).map(b -> new BugSpec(b.flagName(), b.description())).toList();

  private static final int INBOX_CAPACITY = 200_000;
  private static final int MAX_BATCH = 8_192;
  private static final int MAX_CATCH_UP_TICKS = 100;

  private sealed interface Input {}

  private record Propose(byte[] command, CompletableFuture<byte[]> future) implements Input {}

  private record Query(byte[] query, CompletableFuture<byte[]> future) implements Input {}

  private record Peer(String from, RaftCodec.Frame frame) implements Input {}

  /** The clock was set: wake the loop so its timers see the jump now, not at the next tick. */
  private record ClockChanged() implements Input {}

  private final NodeConfig config;
  private final StateMachine stateMachine;
  private final PeerTransport transport;
  private final NodeClock clock;
  private final NodeLog log;
  private final RaftConfig raftConfig;
  private final boolean skipFsync;
  private final long tickNanos;
  private final LinkedBlockingQueue<Input> inbox = new LinkedBlockingQueue<>(INBOX_CAPACITY);
  private final RequestTracker tracker;

  private RaftStorage storage;
  private RaftCore core;
  private long appliedIndex;
  private long sinceSnapshot;
  private Thread loop;
  private volatile boolean running;
  private volatile ConsensusStatus status = new ConsensusStatus("follower", 0, null, 0, 0);
  /** The hard state last made durable (recovered at start, then each persisted one): see ConsensusStatus. */
  private HardState durable;
  private String lastLoggedState = "";
  private long loggedOldTermCommits;

  public RaftConsensus(NodeConfig config, StateMachine stateMachine, PeerTransport transport, NodeClock clock) {
    this.config = config;
    this.stateMachine = stateMachine;
    this.transport = transport;
    this.clock = clock;
    this.log = new NodeLog(config.id(), clock, System.out);
    Tuning t = config.tuning();
    Set<RaftBug> bugs = EnumSet.noneOf(RaftBug.class);
    for (String name : config.bugs()) {
      bugs.add(
          RaftBug.byFlagName(name)
              .orElseThrow(() -> new IllegalArgumentException("--bug " + name + " is not a raft bug")));
    }
    this.skipFsync = bugs.contains(RaftBug.SKIP_FSYNC);
    int heartbeatTicks = Math.max(1, t.heartbeatMs() / t.tickMs());
    int electionTicks = Math.max(heartbeatTicks + 1, t.electionTimeoutMs() / t.tickMs());
    this.raftConfig =
        new RaftConfig(
            config.id(), List.copyOf(config.members()), electionTicks, heartbeatTicks, 256, 4_096,
            Math.max(64 << 10, Math.min(4 << 20, t.maxFrameBytes() / 4)),
            config.readMode() == ReadMode.LEASE, bugs);
    this.tickNanos = t.tickMs() * 1_000_000L;
    this.tracker = new RequestTracker(transport, stateMachine, t.requestTimeoutMs() * 1_000_000L);
  }

  // ---------------------------------------------------------------- Consensus

  @Override
  public void start() throws IOException {
    storage = RaftStorage.open(config.dataDir(), skipFsync, clock::nanos);
    RaftStorage.Recovered r = storage.recovered();
    if (r.tornBytes() > 0) {
      log.warn("raft log: truncated a torn tail of " + r.tornBytes() + " bytes");
    }
    Snapshot snap = r.snapshot();
    if (snap.index() > 0) {
      stateMachine.restore(snap.data());
    }
    appliedIndex = snap.index();
    Random random = new Random(config.seed() * 31 + config.id().hashCode());
    core = new RaftCore(raftConfig, random, r.hardState(), snap, r.entries());
    durable = r.hardState();
    log.info("raft: recovered term " + r.hardState().term() + ", vote " + r.hardState().vote()
        + ", snapshot at " + snap.index() + ", " + r.entries().size() + " log entries; bugs "
        + raftConfig.bugs() + ", read mode " + config.readMode().flagName());
    publishStatus();
    running = true;
    transport.start(this::receive);
    clock.onChange(() -> inbox.offer(new ClockChanged()));
    loop = new Thread(this::runLoop, "raft-" + config.id());
    loop.setDaemon(true);
    loop.start();
  }

  @Override
  public CompletableFuture<byte[]> propose(byte[] command) {
    return submit(new Propose(command, new CompletableFuture<>()));
  }

  @Override
  public CompletableFuture<byte[]> query(byte[] query) {
    return submit(new Query(query, new CompletableFuture<>()));
  }

  private CompletableFuture<byte[]> submit(Input input) {
    CompletableFuture<byte[]> future = input instanceof Propose p ? p.future : ((Query) input).future;
    if (!running) {
      future.completeExceptionally(new DefiniteFailureException("node is not running"));
    } else if (!inbox.offer(input)) {
      future.completeExceptionally(new DefiniteFailureException("node overloaded"));
    }
    return future;
  }

  @Override
  public ConsensusStatus status() {
    return status;
  }

  @Override
  public void close() {
    running = false;
    LoopThreads.interruptAndJoin(loop, 5_000);
    transport.close();
    try {
      if (storage != null) {
        storage.close();
      }
    } catch (IOException e) {
      log.warn("raft: closing storage: " + e.getMessage());
    }
  }

  private void receive(String from, byte[] payload) {
    if (!config.peers().containsKey(from)) {
      return;
    }
    try {
      inbox.offer(new Peer(from, RaftCodec.decode(from, config.id(), payload)));
    } catch (IllegalArgumentException e) {
      log.warn("raft: dropped a malformed frame from " + from + ": " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- event loop

  private void runLoop() {
    long nextTick = clock.nanos() + tickNanos;
    List<Input> batch = new ArrayList<>();
    try {
      while (running) {
        long now = clock.nanos();
        if (now < nextTick - 10 * tickNanos) {
          nextTick = now + tickNanos; // the clock jumped back: as if no time passed
        }
        int ticks = 0;
        while (now >= nextTick && ticks < MAX_CATCH_UP_TICKS) {
          core.tick();
          nextTick += tickNanos;
          ticks++;
        }
        if (now >= nextTick) {
          nextTick = now + tickNanos; // a big jump forward: do not replay all of it
        }
        if (ticks > 0) {
          tracker.expire(now);
        }
        long waitNanos = (long) ((nextTick - now) / Math.max(clock.rate(), 1e-3));
        Input first = inbox.poll(Math.max(100_000, Math.min(waitNanos, tickNanos)), TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
          inbox.drainTo(batch, MAX_BATCH - 1);
          handle(batch, clock.nanos());
          batch.clear();
        }
        processReady();
        publishStatus();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException | Error e) {
      if (running) {
        // As the Paxos node does: a node whose protocol loop died must not linger half alive
        // (answering its status, refusing everything else); exiting makes the failure visible
        // to whatever supervises it — the harness reports a node that exits on its own.
        log.error("raft: fatal error on the consensus thread, halting: " + e);
        System.out.flush();
        Runtime.getRuntime().halt(70);
      }
    } finally {
      tracker.abandonAll();
      List<Input> left = new ArrayList<>();
      inbox.drainTo(left);
      for (Input in : left) {
        if (in instanceof Propose p) {
          p.future.completeExceptionally(new DefiniteFailureException("node stopping"));
        } else if (in instanceof Query q) {
          q.future.completeExceptionally(new DefiniteFailureException("node stopping"));
        }
      }
    }
  }

  private void handle(List<Input> batch, long now) {
    List<byte[]> commands = new ArrayList<>();
    List<Origin> origins = new ArrayList<>();
    for (Input in : batch) {
      if (in instanceof Propose p) {
        if (core.role() == Role.LEADER) {
          commands.add(p.command);
          origins.add(new Local(p.future));
        } else {
          forwardOrFail(false, p.command, p.future, now);
        }
      } else if (in instanceof Query q) {
        if (config.readMode() == ReadMode.LOCAL) {
          q.future.complete(stateMachine.query(q.query)); // deliberately possibly stale
        } else if (core.role() == Role.LEADER) {
          read(q.query, new Local(q.future), now);
        } else {
          forwardOrFail(true, q.query, q.future, now);
        }
      } else if (in instanceof Peer peer) {
        if (peer.frame.raft() != null) {
          core.step(peer.frame.raft());
        } else if (peer.frame.forward() instanceof ForwardRequest fr) {
          Remote origin = new Remote(peer.from, fr.requestId());
          if (core.role() != Role.LEADER) {
            tracker.fail(origin, "not the leader");
          } else if (fr.read()) {
            read(fr.payload(), origin, now);
          } else {
            commands.add(fr.payload());
            origins.add(origin);
          }
        } else {
          tracker.onForwardReply((ForwardReply) peer.frame.forward());
        }
      } // ClockChanged only woke the loop, which reads the clock before it sleeps again
    }
    if (!commands.isEmpty()) {
      long first = core.propose(commands);
      for (int i = 0; i < origins.size(); i++) {
        if (first < 0) {
          tracker.fail(origins.get(i), "leadership lost before the command was appended");
        } else {
          tracker.awaitWrite(first + i, core.term(), origins.get(i), now);
        }
      }
    }
  }

  private void read(byte[] query, Origin origin, long now) {
    long ctx = tracker.nextId();
    tracker.awaitRead(ctx, query, origin, now);
    core.readIndex(ctx);
  }

  private void forwardOrFail(boolean read, byte[] payload, CompletableFuture<byte[]> future, long now) {
    String leader = core.leader();
    if (leader == null) {
      future.completeExceptionally(new DefiniteFailureException("no leader known"));
    } else if (!tracker.forward(leader, read, payload, future, now)) {
      future.completeExceptionally(new DefiniteFailureException("leader " + leader + " unreachable"));
    }
  }

  private void processReady() throws IOException {
    while (true) {
      Ready r = core.ready();
      if (r.isEmpty()) {
        return;
      }
      // A leader may send its appends before its own disk write (Raft thesis §10.2.1): it
      // counts itself towards a commit only when a later ack is processed, by which time this
      // synchronous persist has finished. Everything else (votes, acks) waits for the fsync.
      boolean leaderFirst = core.role() == Role.LEADER;
      if (leaderFirst) {
        for (RaftMessage m : r.messages()) {
          if (isLeaderMessage(m)) {
            transport.send(m.to(), RaftCodec.encode(m));
          }
        }
      }
      if (r.needsPersist()) {
        storage.persist(r);
        if (r.hardState() != null) {
          durable = r.hardState();
        }
      }
      if (r.snapshot() != null) {
        stateMachine.restore(r.snapshot().data());
        appliedIndex = r.snapshot().index();
        log.info("raft: installed the leader's snapshot up to index " + appliedIndex);
        tracker.onSnapshotInstalled(appliedIndex);
        sinceSnapshot = 0;
      }
      for (RaftMessage m : r.messages()) {
        if (!(leaderFirst && isLeaderMessage(m))) {
          transport.send(m.to(), RaftCodec.encode(m));
        }
      }
      for (Entry e : r.committedEntries()) {
        byte[] output = null;
        if (e.isNoop()) {
          stateMachine.applyNoop(e.index()); // keeps the indices the state machine sees dense
        } else {
          output = stateMachine.apply(e.index(), e.data());
        }
        appliedIndex = e.index();
        tracker.onApplied(e, output);
      }
      tracker.onReadStates(r.readStates());
      tracker.onFailedReads(r.failedReads());
      tracker.serveReads(appliedIndex);
      core.advance(r);
      sinceSnapshot += r.committedEntries().size();
      if (sinceSnapshot >= config.tuning().snapshotEvery()) {
        sinceSnapshot = 0;
        storage.compact(core.compact(appliedIndex, stateMachine.snapshot()));
      }
    }
  }

  private static boolean isLeaderMessage(RaftMessage m) {
    return switch (m.type()) {
      case APPEND_ENTRIES, HEARTBEAT, INSTALL_SNAPSHOT -> true;
      case REQUEST_VOTE, VOTE_RESPONSE, APPEND_RESPONSE, HEARTBEAT_RESPONSE -> false;
    };
  }

  private void publishStatus() {
    status =
        new ConsensusStatus(
            core.role().statusName(), core.term(), core.leader(), core.commitIndex(), appliedIndex,
            core.ledTerms(), durable.term(), durable.vote());
    if (core.oldTermCommits() != loggedOldTermCommits) {
      loggedOldTermCommits = core.oldTermCommits();
      long index = core.lastOldTermCommit();
      log.warn("raft: bug commit-old-term took effect: committed index " + index + " of term "
          + core.termAt(index) + " in term " + core.term()
          + " by counting replicas");
    }
    String state = core.role() + "/" + core.term() + "/" + core.leader();
    if (!Objects.equals(state, lastLoggedState)) {
      lastLoggedState = state;
      log.info("raft: " + core.role().statusName() + " in term " + core.term() + ", leader "
          + core.leader());
    }
  }
}
