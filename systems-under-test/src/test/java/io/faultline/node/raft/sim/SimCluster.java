package io.faultline.node.raft.sim;

import io.faultline.node.raft.core.Entry;
import io.faultline.node.raft.core.RaftBug;
import io.faultline.node.raft.core.RaftConfig;
import io.faultline.node.raft.core.RaftCore;
import io.faultline.node.raft.core.RaftMessage;
import io.faultline.node.raft.core.ReadState;
import io.faultline.node.raft.core.Ready;
import io.faultline.node.raft.core.Role;
import io.faultline.node.raft.core.Snapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * A whole Raft cluster in one thread: cores, simulated disks, a network that drops, delays,
 * duplicates and reorders messages, partitions, crashes and restarts (losing what was not
 * durable), clients proposing writes and reads; all driven by one seeded {@link Random} and a
 * simulated clock. {@link #run()} throws {@link SafetyChecker.SafetyViolation} (or the core's own
 * {@link IllegalStateException}) on the first broken invariant.
 */
final class SimCluster {
  private record Event(long time, long seq, Runnable action) {}

  private record PendingWrite(long value, long term) {}

  private record PendingRead(long requiredIndex, long invokedAt) {}

  /** A leader's own log write in flight (the shell's disk thread); done in FIFO order. */
  private record LeaderWrite(long id, List<Entry> entries) {}

  private final class Node {
    final String id;
    final int tickMs;
    final SimStorage storage;
    RaftCore core;
    int incarnation;
    List<Long> stateMachine = new ArrayList<>();
    long smIndex;
    int sinceSnapshot;
    final Map<Long, PendingWrite> writes = new HashMap<>();
    final Map<Long, PendingRead> reads = new HashMap<>();
    final List<ReadState> confirmedReads = new ArrayList<>();
    final java.util.ArrayDeque<LeaderWrite> leaderWrites = new java.util.ArrayDeque<>();
    long nextWriteId;

    Node(String id, int tickMs) {
      this.id = id;
      this.tickMs = tickMs;
      this.storage = new SimStorage(params.bugs().contains(RaftBug.SKIP_FSYNC), new Random(random.nextLong()));
    }

    boolean up() {
      return core != null;
    }
  }

  private final SimParams params;
  private final Random random;
  private final PriorityQueue<Event> queue =
      new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final List<String> ids = new ArrayList<>();
  private final Set<String> blocked = new HashSet<>();
  private final SafetyChecker checker = new SafetyChecker();
  /** A run that needs more events than this is stuck in a message storm: fail it. */
  private static final long MAX_EVENTS = 2_000_000;
  private long events;
  private long now;
  private long seq;
  private long nextValue = 1;
  private long nextCtx = 1;
  private boolean faultsOn = true;
  private boolean clientsOn = true;
  private long finalWriteValue = -1;
  private boolean finalWriteAcked;
  private int readsServed;

  SimCluster(SimParams params) {
    this.params = params;
    this.random = new Random(params.seed());
    for (int i = 1; i <= params.nodes(); i++) {
      ids.add("n" + i);
    }
    for (int i = 0; i < params.nodes(); i++) {
      nodes.put(ids.get(i), new Node(ids.get(i), params.tickMsPerNode()[i]));
    }
  }

  /** Runs the scenario to the end and checks the final state; returns a one-line summary. */
  String run() {
    for (Node n : nodes.values()) {
      start(n);
    }
    schedule(1, this::clientOp);
    schedule(params.meanFaultIntervalMs(), this::fault);
    runUntil(params.durationMs());
    // Heal everything and demand progress: the cluster must commit a new write.
    faultsOn = false;
    clientsOn = false;
    blocked.clear();
    for (Node n : nodes.values()) {
      if (!n.up()) {
        start(n);
      }
    }
    long deadline = now + 20_000;
    while (now < deadline && !finalWriteAcked) {
      runUntil(now + 50);
      tryFinalWrite();
    }
    if (!finalWriteAcked) {
      throw new AssertionError("liveness: no write committed within 20 s after healing;" + states());
    }
    runUntil(now + 3_000); // long enough for a lost snapshot to be sent again
    checkConverged();
    return params + " -> acked=" + checker.ackedCount() + " reads=" + readsServed;
  }

  // ---------------------------------------------------------------- event loop

  private void schedule(long delay, Runnable action) {
    queue.add(new Event(now + delay, seq++, action));
  }

  private void runUntil(long end) {
    while (!queue.isEmpty() && queue.peek().time <= end) {
      if (++events > MAX_EVENTS) {
        throw new AssertionError("event budget exceeded at t=" + now + " (message storm?);" + states());
      }
      Event e = queue.poll();
      now = e.time;
      e.action.run();
    }
    now = end;
  }

  private void start(Node n) {
    RaftConfig config =
        new RaftConfig(
            n.id, ids, SimParams.ELECTION_TICKS, SimParams.HEARTBEAT_TICKS, params.maxInflight(),
            params.maxEntriesPerAppend(), 1 << 20, params.leaseReads(), params.bugs());
    Snapshot snap = n.storage.snapshot();
    n.core =
        new RaftCore(config, new Random(random.nextLong()), n.storage.hardState(), snap, n.storage.entries());
    n.incarnation++;
    n.stateMachine = decode(snap.data());
    n.smIndex = snap.index();
    n.sinceSnapshot = 0;
    int incarnation = n.incarnation;
    schedule(1 + random.nextInt(n.tickMs), () -> tick(n, incarnation));
  }

  private void tick(Node n, int incarnation) {
    if (!n.up() || n.incarnation != incarnation) {
      return;
    }
    n.core.tick();
    drain(n);
    schedule(n.tickMs, () -> tick(n, incarnation));
  }

  private void crash(Node n) {
    n.core = null;
    n.storage.crash();
    n.leaderWrites.clear(); // still in flight: lost with the process
    n.writes.clear();
    n.reads.clear();
    n.confirmedReads.clear();
  }

  // ---------------------------------------------------------------- the shell's job, simulated

  private void drain(Node n) {
    while (true) {
      Ready r = n.core.ready();
      if (r.isEmpty()) {
        break;
      }
      boolean writeLater = params.leaderWriteMaxMs() > 0 && n.core.role() == Role.LEADER
          && r.hardState() == null && r.snapshot() == null && !r.entries().isEmpty();
      if (writeLater) {
        LeaderWrite w = new LeaderWrite(n.nextWriteId++, r.entries());
        n.leaderWrites.addLast(w);
        int incarnation = n.incarnation;
        schedule(1 + random.nextInt(params.leaderWriteMaxMs()), () -> finishLeaderWrites(n, incarnation, w.id()));
      } else {
        finishLeaderWrites(n, n.incarnation, Long.MAX_VALUE); // the disk is FIFO: earlier writes land first
        n.storage.persist(r);
      }
      for (Entry e : r.entries()) {
        checker.onPersisted(n.core, e);
      }
      if (r.snapshot() != null) {
        n.stateMachine = decode(r.snapshot().data());
        n.smIndex = r.snapshot().index();
        n.writes.keySet().removeIf(i -> i <= n.smIndex); // outcome unknown to this node
      }
      for (RaftMessage m : r.messages()) {
        send(m);
      }
      for (Entry e : r.committedEntries()) {
        apply(n, e);
      }
      n.confirmedReads.addAll(r.readStates());
      r.failedReads().forEach(n.reads::remove);
      serveReads(n);
      if (writeLater) {
        n.core.advanceWritePending(r);
      } else {
        n.core.advance(r);
      }
      if (n.core.role() == Role.LEADER) {
        checker.onLeader(n.core);
      }
      n.sinceSnapshot += r.committedEntries().size();
      if (n.sinceSnapshot >= params.snapshotEvery()) {
        n.sinceSnapshot = 0;
        Snapshot s = n.core.compact(n.core.appliedIndex(), encode(n.stateMachine));
        finishLeaderWrites(n, n.incarnation, Long.MAX_VALUE);
        n.storage.compacted(s);
      }
    }
  }

  /** Completes the node's in-flight leader writes up to {@code upTo} (FIFO) and tells its core. */
  private void finishLeaderWrites(Node n, int incarnation, long upTo) {
    if (!n.up() || n.incarnation != incarnation) {
      return;
    }
    Entry last = null;
    while (!n.leaderWrites.isEmpty() && n.leaderWrites.peekFirst().id() <= upTo) {
      List<Entry> written = n.leaderWrites.pollFirst().entries();
      n.storage.persistEntries(written);
      last = written.get(written.size() - 1);
    }
    if (last != null) {
      n.core.persisted(last.index(), last.term());
      if (upTo != Long.MAX_VALUE) {
        drain(n); // a completion event: hand out what the core now has to say
      }
    }
  }

  private void apply(Node n, Entry e) {
    checker.onApplied(n.id, e);
    if (!e.isNoop()) {
      n.stateMachine.add(ByteBuffer.wrap(e.data()).getLong());
    }
    n.smIndex = e.index();
    PendingWrite w = n.writes.remove(e.index());
    if (w != null && w.term() == e.term()) {
      checker.onWriteAcked(w.value(), e.index());
      if (w.value() == finalWriteValue) {
        finalWriteAcked = true;
      }
    }
  }

  private void serveReads(Node n) {
    for (Iterator<ReadState> it = n.confirmedReads.iterator(); it.hasNext(); ) {
      ReadState rs = it.next();
      if (rs.index() <= n.smIndex) {
        it.remove();
        PendingRead pr = n.reads.remove(rs.ctx());
        if (pr != null) {
          checker.onRead(n.id, n.smIndex, pr.requiredIndex(), pr.invokedAt());
          readsServed++;
        }
      }
    }
  }

  // ---------------------------------------------------------------- network

  private void send(RaftMessage m) {
    if (blocked.contains(m.from() + ">" + m.to()) || random.nextDouble() < params.dropRate()) {
      return;
    }
    int copies = random.nextDouble() < params.duplicateRate() ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      schedule(1 + random.nextInt(params.maxDelayMs()), () -> deliver(m));
    }
  }

  private void deliver(RaftMessage m) {
    Node to = nodes.get(m.to());
    if (!to.up() || blocked.contains(m.from() + ">" + m.to())) {
      return;
    }
    to.core.step(m);
    drain(to);
  }

  // ---------------------------------------------------------------- clients

  private void clientOp() {
    if (!clientsOn) {
      return;
    }
    schedule(1 + random.nextInt(2 * params.meanOpIntervalMs()), this::clientOp);
    List<Node> up = nodes.values().stream().filter(Node::up).toList();
    if (up.isEmpty()) {
      return;
    }
    List<Node> leaders = up.stream().filter(n -> n.core.role() == Role.LEADER).toList();
    Node n =
        !leaders.isEmpty() && random.nextInt(10) < 8
            ? leaders.get(random.nextInt(leaders.size()))
            : up.get(random.nextInt(up.size()));
    if (n.core.role() != Role.LEADER) {
      return; // a real node would forward to the leader or answer 503
    }
    if (random.nextDouble() < params.readFraction()) {
      long ctx = nextCtx++;
      n.reads.put(ctx, new PendingRead(checker.maxAckedIndex(), now));
      n.core.readIndex(ctx);
    } else {
      int batch = random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 1;
      List<byte[]> commands = new ArrayList<>();
      List<Long> values = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        long v = nextValue++;
        values.add(v);
        commands.add(ByteBuffer.allocate(8).putLong(v).array());
      }
      long first = n.core.propose(commands);
      for (int i = 0; i < batch; i++) {
        n.writes.put(first + i, new PendingWrite(values.get(i), n.core.term()));
      }
    }
    drain(n);
  }

  private void tryFinalWrite() {
    for (Node n : nodes.values()) {
      if (n.up() && n.core.role() == Role.LEADER && finalWriteValue < 0) {
        finalWriteValue = nextValue++;
        long index = n.core.propose(List.of(ByteBuffer.allocate(8).putLong(finalWriteValue).array()));
        n.writes.put(index, new PendingWrite(finalWriteValue, n.core.term()));
        drain(n);
        return;
      }
    }
    if (finalWriteValue >= 0 && !finalWriteAcked && random.nextInt(20) == 0) {
      finalWriteValue = -1; // proposed on a leader that lost it: try again
    }
  }

  // ---------------------------------------------------------------- nemesis

  private void fault() {
    if (!faultsOn) {
      return;
    }
    schedule(1 + random.nextInt(2 * params.meanFaultIntervalMs()), this::fault);
    List<Node> all = new ArrayList<>(nodes.values());
    Node victim = all.get(random.nextInt(all.size()));
    switch (random.nextInt(6)) {
      case 0 -> {
        if (victim.up()) {
          crash(victim);
        }
      }
      case 1, 2 -> {
        for (Node n : all) {
          if (!n.up()) {
            start(n);
            break;
          }
        }
      }
      case 3 -> {
        blocked.clear();
        Set<String> side = new HashSet<>();
        for (String id : ids) {
          if (random.nextBoolean()) {
            side.add(id);
          }
        }
        boolean oneWay = random.nextInt(4) == 0;
        for (String a : ids) {
          for (String b : ids) {
            if (side.contains(a) && !side.contains(b)) {
              blocked.add(a + ">" + b);
              if (!oneWay) {
                blocked.add(b + ">" + a);
              }
            }
          }
        }
      }
      case 4 -> {
        blocked.clear();
        for (Node n : all) {
          if (n.up() && n.core.role() == Role.LEADER) {
            for (String other : ids) {
              blocked.add(n.id + ">" + other);
              blocked.add(other + ">" + n.id);
            }
          }
        }
      }
      default -> blocked.clear();
    }
  }

  // ---------------------------------------------------------------- final state

  private void checkConverged() {
    long applied = -1;
    List<Long> reference = null;
    String states = states();
    for (Node n : nodes.values()) {
      if (reference == null) {
        applied = n.smIndex;
        reference = n.stateMachine;
      } else if (n.smIndex != applied || !n.stateMachine.equals(reference)) {
        throw new AssertionError("convergence: " + n.id + " applied " + n.smIndex + " ("
            + n.stateMachine.size() + " commands) but n1 applied " + applied + " ("
            + reference.size() + ");" + states);
      }
    }
    for (Node n : nodes.values()) {
      checker.checkAckedWritesPresent(n.id, n.stateMachine);
    }
  }

  private String states() {
    StringBuilder states = new StringBuilder();
    for (Node n : nodes.values()) {
      states.append(' ').append(n.id).append(":role=").append(n.core.role()).append(",term=")
          .append(n.core.term()).append(",commit=").append(n.core.commitIndex()).append(",applied=")
          .append(n.smIndex).append(",last=").append(n.core.lastIndex()).append(",snap=")
          .append(n.core.snapshotIndex()).append(" ").append(n.core.describeProgress());
    }
    return states.toString();
  }

  private static byte[] encode(List<Long> values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.size());
    values.forEach(b::putLong);
    return b.array();
  }

  private static List<Long> decode(byte[] data) {
    List<Long> out = new ArrayList<>();
    if (data != null) {
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining()) {
        out.add(b.getLong());
      }
    }
    return out;
  }
}
