package io.faultline.node.paxos;

import io.faultline.node.BugSpec;
import io.faultline.node.NodeConfig;
import io.faultline.node.NodeLog;
import io.faultline.node.clock.NodeClock;
import io.faultline.node.consensus.Consensus;
import io.faultline.node.consensus.ConsensusStatus;
import io.faultline.node.consensus.DefiniteFailureException;
import io.faultline.node.consensus.LoopThreads;
import io.faultline.node.consensus.StateMachine;
import io.faultline.node.storage.AtomicFile;
import io.faultline.node.transport.PeerTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The thin shell around {@link PaxosCore} ({@code --protocol paxos}). One event-loop thread owns
 * the core, the storage and the state machine. Each turn it takes every queued input (peer
 * frames, proposals, reads), feeds node-clock ticks, then handles the core's {@link Ready}:
 * snapshot install, append + one fsync (group commit), send, apply, complete futures.
 *
 * <p>Futures: a proposal completes with the state machine's output when this node applies it
 * (a forwarded command is applied here too, once the leader announces it decided). It fails with
 * {@link DefiniteFailureException} only when the core reports it certainly never entered a slot;
 * leadership loss after proposing and timeouts are reported as unknown. Reads fail definitely
 * when no leader confirms them (a read has no effect, so refusing it is always safe).
 *
 * <p>A storage failure while running halts the process: a node that cannot make its promises
 * durable must not answer anyone.
 */
public final class PaxosConsensus implements Consensus {
  public static final String DESCRIPTION =
      "Multi-Paxos: one Phase 1 per leader, pipelined batched Phase 2, confirmed-ballot reads";
  public static final List<BugSpec> BUGS =
      Arrays.stream(PaxosBug.values()).map(b -> new BugSpec(b.flagName(), b.description())).toList();

  private static final int INBOX_CAPACITY = 100_000;
  private static final int MAX_EVENTS_PER_TURN = 8_192;
  private static final int MAX_CATCH_UP_TICKS = 1_000;
  private static final long SLOW_TURN_MS = 200;

  private sealed interface Event {}

  private record Incoming(int from, byte[] bytes) implements Event {}

  private record ProposeEvent(byte[] command, CompletableFuture<byte[]> reply) implements Event {}

  private record QueryEvent(byte[] query, CompletableFuture<byte[]> reply) implements Event {}

  private record Pending<T>(T request, CompletableFuture<byte[]> reply, long deadlineNanos) {}

  private final NodeConfig config;
  private final StateMachine stateMachine;
  private final PeerTransport transport;
  private final NodeClock clock;
  private final NodeLog log;
  private final List<String> members;
  private final Map<String, Integer> indexOf = new HashMap<>();
  private final int self;
  private final PaxosConfig coreConfig;
  private final PaxosStorage storage;
  private final BlockingQueue<Event> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
  private final Map<Long, Pending<byte[]>> pendingWrites = new HashMap<>();
  private final Map<Long, Pending<byte[]>> pendingReads = new HashMap<>();
  private final long tickNanos;
  private final long pendingTimeoutNanos;

  private PaxosCore core;
  private Thread loop;
  private volatile boolean closed;
  private volatile ConsensusStatus status = new ConsensusStatus("follower", 0, null, 0, 0);
  /** The round of the last promise made durable (recovered at start, then after each sync): see ConsensusStatus. */
  private long durableRound = -1;
  private long nextId;
  private long nextReadId;
  private long appliedCommands;
  private long commandsSinceSnapshot;
  private long lastTickNanos;
  private long lastExpiryNanos;
  private String lastRole = "";
  private long lastSyncNanos;

  public PaxosConsensus(NodeConfig config, StateMachine stateMachine, PeerTransport transport, NodeClock clock) {
    this.config = config;
    this.stateMachine = stateMachine;
    this.transport = transport;
    this.clock = clock;
    this.log = new NodeLog(config.id(), clock, System.out);
    this.members = List.copyOf(config.members());
    for (int i = 0; i < members.size(); i++) {
      indexOf.put(members.get(i), i);
    }
    this.self = indexOf.get(config.id());
    Set<PaxosBug> bugs = EnumSet.noneOf(PaxosBug.class);
    config.bugs().forEach(b -> bugs.add(PaxosBug.parse(b)));
    int tickMs = config.tuning().tickMs();
    int heartbeatTicks = Math.max(1, config.tuning().heartbeatMs() / tickMs);
    int electionTicks = Math.max(heartbeatTicks + 1, config.tuning().electionTimeoutMs() / tickMs);
    this.coreConfig = new PaxosConfig(self, members.size(), heartbeatTicks, electionTicks,
        Math.max(1, electionTicks * 4 / 5), 64, 1024, readPolicy(config), bugs);
    this.tickNanos = tickMs * 1_000_000L;
    this.pendingTimeoutNanos = 2L * config.tuning().requestTimeoutMs() * 1_000_000L;
    this.storage = new PaxosStorage(config.dataDir(), bugs.contains(PaxosBug.PAXOS_SKIP_FSYNC), clock::nanos);
  }

  private static ReadPolicy readPolicy(NodeConfig config) {
    return switch (config.readMode()) {
      case INDEX -> ReadPolicy.CONFIRMED;
      case LEASE -> ReadPolicy.LEASE;
      case LOCAL -> ReadPolicy.LOCAL;
    };
  }

  @Override
  public void start() throws IOException {
    DurableState state = storage.recover();
    if (storage.truncatedTailBytes() > 0) {
      log.warn("paxos log: truncated a torn tail of " + storage.truncatedTailBytes() + " bytes");
    }
    if (state.snapshot() != null) {
      restoreSnapshot(state.snapshot());
    }
    long incarnation = nextIncarnation();
    nextId = incarnation << 40; // ids never repeat across restarts of this node
    core = new PaxosCore(coreConfig, new SplittableRandom(config.seed() * 1_000_003L + incarnation), state);
    durableRound = core.promised().round();
    log.info("paxos: recovered promised=" + state.promised() + " snapshot-slot=" + state.snapshotSlot()
        + " decided-up-to=" + core.chosenPrefix() + " log-slots=" + state.log().size()
        + " incarnation=" + incarnation);
    // Re-apply the recovered decided prefix before the clock starts: a long replay must not count
    // as elapsed time, or every restarted node would start an election the moment it finishes.
    Ready replay = core.drain();
    if (!replay.messages().isEmpty()) {
      throw new IllegalStateException("paxos: recovery produced messages before any input");
    }
    process(replay);
    log.info("paxos: re-applied " + replay.apply().size() + " decided slots");
    lastTickNanos = clock.nanos();
    lastExpiryNanos = lastTickNanos;
    transport.start(this::receive);
    loop = new Thread(this::run, "paxos-" + config.id());
    loop.setDaemon(true);
    loop.start();
  }

  private long nextIncarnation() throws IOException {
    var file = config.dataDir().resolve("paxos-incarnation");
    long next = AtomicFile.read(file).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L) + 1;
    AtomicFile.write(file, ByteBuffer.allocate(8).putLong(next).array());
    return next;
  }

  private void receive(String fromId, byte[] payload) {
    Integer from = indexOf.get(fromId);
    if (from != null && from != self && !inbox.offer(new Incoming(from, payload))) {
      return; // overloaded: dropping a peer message is always safe, Paxos retransmits
    }
  }

  @Override
  public CompletableFuture<byte[]> propose(byte[] command) {
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    if (closed || !inbox.offer(new ProposeEvent(command, reply))) {
      reply.completeExceptionally(new DefiniteFailureException("paxos node overloaded or stopping"));
    }
    return reply;
  }

  @Override
  public CompletableFuture<byte[]> query(byte[] query) {
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    if (closed || !inbox.offer(new QueryEvent(query, reply))) {
      reply.completeExceptionally(new DefiniteFailureException("paxos node overloaded or stopping"));
    }
    return reply;
  }

  @Override
  public ConsensusStatus status() {
    return status;
  }

  // ------------------------------------------------------------------ event loop

  private void run() {
    List<Event> batch = new ArrayList<>();
    while (!closed) {
      try {
        Event first = inbox.poll(Math.max(1, tickNanos / 2_000_000L), TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          inbox.drainTo(batch, MAX_EVENTS_PER_TURN);
        }
        long turnStart = System.nanoTime();
        int events = batch.size();
        for (Event e : batch) {
          handle(e);
        }
        batch.clear();
        tick();
        process(core.drain());
        expirePending();
        long turnMs = (System.nanoTime() - turnStart) / 1_000_000;
        if (turnMs >= SLOW_TURN_MS) {
          log.warn("paxos: slow turn " + turnMs + " ms (" + events + " events, fsync "
              + lastSyncNanos / 1_000_000 + " ms)");
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException | Error e) {
        if (closed) {
          return;
        }
        log.error("paxos: fatal error on the consensus thread, halting: " + e);
        System.out.flush();
        Runtime.getRuntime().halt(70);
      }
    }
  }

  private void handle(Event event) {
    if (event instanceof Incoming in) {
      PaxosMessage message;
      try {
        message = PaxosCodec.decode(in.bytes());
      } catch (PaxosCodec.MalformedMessageException e) {
        log.warn("paxos: dropped a malformed frame from " + members.get(in.from()) + ": " + e.getMessage());
        return;
      }
      core.step(in.from(), message);
    } else if (event instanceof ProposeEvent p) {
      long id = nextId++;
      pendingWrites.put(id, new Pending<>(p.command(), p.reply(), System.nanoTime() + pendingTimeoutNanos));
      core.propose(new Command(self, id, p.command()));
    } else if (event instanceof QueryEvent q) {
      long id = nextReadId++;
      pendingReads.put(id, new Pending<>(q.query(), q.reply(), System.nanoTime() + pendingTimeoutNanos));
      core.read(id);
    } else {
      throw new AssertionError("unhandled event " + event);
    }
  }

  /** Feeds the core one tick per elapsed tick of node-clock time (the clock nemesis skews it). */
  private void tick() {
    long now = clock.nanos();
    int ticks = 0;
    while (now - lastTickNanos >= tickNanos && ticks < MAX_CATCH_UP_TICKS) {
      core.tick();
      lastTickNanos += tickNanos;
      ticks++;
    }
    if (ticks == MAX_CATCH_UP_TICKS) {
      lastTickNanos = now; // the clock jumped far ahead; do not replay hours of ticks
    }
  }

  private void process(Ready r) throws IOException {
    if (r.snapshot() != null) {
      restoreSnapshot(r.snapshot().bytes());
      storage.replace(r.snapshot().lastSlot(), r.snapshot().bytes(), core.durableRecordsAfterSnapshot());
      commandsSinceSnapshot = 0;
      log.info("paxos: installed a peer snapshot up to slot " + r.snapshot().lastSlot());
    }
    // Requests that promise nothing about this node's state (the leader's Accept, Commit and
    // Prepare) may leave before the fsync: anything they cause comes back as input that is only
    // handled after this turn's fsync. Replies (Promise, Accepted, CommitAck, ...) wait for it.
    List<Ready.Outbound> replies = new ArrayList<>(r.messages().size());
    List<Ready.Outbound> requests = new ArrayList<>(r.messages().size());
    for (Ready.Outbound out : r.messages()) {
      (isRequest(out.message()) ? requests : replies).add(out);
    }
    send(requests);
    storage.append(r.persist());
    long syncStart = System.nanoTime();
    storage.sync(); // promises and accepts are durable before any reply leaves
    durableRound = core.promised().round(); // the loop is single-threaded: nothing changed it since
    lastSyncNanos = System.nanoTime() - syncStart;
    send(replies);
    apply(r.apply());
    for (long id : r.readsReady()) {
      Pending<byte[]> p = pendingReads.remove(id);
      if (p != null) {
        try {
          p.reply().complete(stateMachine.query(p.request()));
        } catch (RuntimeException e) {
          p.reply().completeExceptionally(e);
        }
      }
    }
    failAll(pendingReads, r.readsFailed(), () -> new DefiniteFailureException("no leader confirmed the read"));
    failAll(pendingWrites, r.rejected(), () -> new DefiniteFailureException("no leader took the command; it was never proposed"));
    failAll(pendingWrites, r.abandoned(), () -> new IllegalStateException("leadership lost after proposing; outcome unknown"));
    maybeSnapshot();
    publishStatus();
  }

  private static boolean isRequest(PaxosMessage m) {
    return m instanceof PaxosMessage.Accept || m instanceof PaxosMessage.Commit
        || m instanceof PaxosMessage.Prepare;
  }

  private void send(List<Ready.Outbound> messages) {
    Map<PaxosMessage, byte[]> encoded = new IdentityHashMap<>();
    for (Ready.Outbound out : messages) {
      byte[] bytes = encoded.computeIfAbsent(out.message(), PaxosCodec::encode);
      transport.send(members.get(out.to()), bytes);
    }
  }

  private void apply(List<PaxosMessage.SlotProposal> slots) {
    for (PaxosMessage.SlotProposal slot : slots) {
      for (Command c : slot.value().commands()) {
        byte[] output = stateMachine.apply(++appliedCommands, c.payload());
        commandsSinceSnapshot++;
        if (c.origin() == self) {
          Pending<byte[]> p = pendingWrites.remove(c.id());
          if (p != null) {
            p.reply().complete(output);
          }
        }
      }
    }
  }

  private void maybeSnapshot() throws IOException {
    if (commandsSinceSnapshot < config.tuning().snapshotEvery()) {
      return;
    }
    byte[] sm = stateMachine.snapshot();
    byte[] blob = ByteBuffer.allocate(8 + sm.length).putLong(appliedCommands).put(sm).array();
    long slot = core.applied();
    core.compact(slot, blob);
    storage.replace(slot, blob, core.durableRecordsAfterSnapshot());
    commandsSinceSnapshot = 0;
    log.info("paxos: snapshot up to slot " + slot + " (" + blob.length + " bytes), log compacted");
  }

  /** Snapshot blob = applied command count (the dense apply index) + state machine snapshot. */
  private void restoreSnapshot(byte[] blob) {
    ByteBuffer b = ByteBuffer.wrap(blob);
    appliedCommands = b.getLong();
    byte[] sm = new byte[b.remaining()];
    b.get(sm);
    stateMachine.restore(sm);
  }

  private static void failAll(Map<Long, Pending<byte[]>> pending, List<Long> ids,
      java.util.function.Supplier<RuntimeException> error) {
    for (long id : ids) {
      Pending<byte[]> p = pending.remove(id);
      if (p != null) {
        p.reply().completeExceptionally(error.get());
      }
    }
  }

  private void expirePending() {
    long now = System.nanoTime();
    if (now - lastExpiryNanos < 1_000_000_000L) {
      return;
    }
    lastExpiryNanos = now;
    for (Map<Long, Pending<byte[]>> pending : List.of(pendingWrites, pendingReads)) {
      pending.values().removeIf(p -> {
        if (p.deadlineNanos() > now) {
          return false;
        }
        p.reply().completeExceptionally(new TimeoutException("paxos: no outcome in time; unknown"));
        return true;
      });
    }
  }

  private void publishStatus() {
    int leader = core.leader();
    String role = core.role();
    if (!role.equals(lastRole)) {
      log.info("paxos: role " + role + " ballot " + core.promised()
          + (leader >= 0 ? " leader " + members.get(leader) : ""));
      lastRole = role;
    }
    status = new ConsensusStatus(role, core.promised().round(), leader >= 0 ? members.get(leader) : null,
        core.chosenPrefix(), core.applied(), java.util.List.of(), durableRound, null);
  }

  @Override
  public void close() {
    closed = true;
    LoopThreads.interruptAndJoin(loop, 5_000);
    transport.close();
    try {
      storage.close();
    } catch (IOException e) {
      log.warn("paxos: closing storage: " + e.getMessage());
    }
    DefiniteFailureException stopping = new DefiniteFailureException("paxos node stopping");
    for (Event e : inbox) {
      if (e instanceof ProposeEvent p) {
        p.reply().completeExceptionally(stopping);
      } else if (e instanceof QueryEvent q) {
        q.reply().completeExceptionally(stopping);
      }
    }
    pendingWrites.values().forEach(p -> p.reply().completeExceptionally(new IllegalStateException("paxos node stopping; outcome unknown")));
    pendingReads.values().forEach(p -> p.reply().completeExceptionally(stopping));
  }
}
