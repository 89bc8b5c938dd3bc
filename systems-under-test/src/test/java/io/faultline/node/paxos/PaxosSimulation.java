package io.faultline.node.paxos;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A whole Paxos cluster in one thread: cores, simulated disks, a network that drops, delays,
 * duplicates and reorders messages (every message goes through the binary codec), a nemesis that
 * partitions links (grudges: directed links that carry nothing), crashes nodes (losing unsynced
 * writes) and restarts them, and clients that write and read. One seed replays a run exactly.
 */
final class PaxosSimulation {

  /** Knobs of one run. */
  record Options(
      int nodes,
      long seed,
      int ticks,
      double dropRate,
      double duplicateRate,
      int maxDelay,
      boolean partitions,
      boolean crashes,
      double writeRate,
      double readRate,
      int snapshotEvery,
      ReadPolicy readPolicy,
      Set<PaxosBug> bugs) {

    static Options standard(int nodes, long seed) {
      return new Options(nodes, seed, 3000, 0.05, 0.03, 4, true, true, 0.6, 0.3, 40,
          ReadPolicy.CONFIRMED, Set.of());
    }

    Options withReadPolicy(ReadPolicy policy) {
      return new Options(nodes, seed, ticks, dropRate, duplicateRate, maxDelay, partitions, crashes,
          writeRate, readRate, snapshotEvery, policy, bugs);
    }

    Options withBugs(Set<PaxosBug> b) {
      return new Options(nodes, seed, ticks, dropRate, duplicateRate, maxDelay, partitions, crashes,
          writeRate, readRate, snapshotEvery, readPolicy, b);
    }
  }

  /** Outcome: the first violation (null when safe) and some counts for sanity assertions. */
  record Result(String violation, int acked, int reads, long finalLogLength, boolean converged) {}

  private record Delivery(long at, long seq, int from, int to, byte[] bytes) {}

  private record PendingOp(long key, long invokeSeq) {}

  private final class Node {
    final int id;
    final SimDisk disk = new SimDisk();
    final SimStateMachine sm = new SimStateMachine();
    PaxosCore core;
    boolean up = true;
    int incarnation;
    long restartAt;
    final Map<Long, PendingOp> writes = new HashMap<>();
    final Map<Long, PendingOp> reads = new HashMap<>();

    Node(int id) {
      this.id = id;
      boot();
    }

    void boot() {
      DurableState state = disk.recover();
      sm.restore(state.snapshot());
      // small, seed-dependent pipelines: batches of several commands and a window that fills up
      PaxosConfig base = PaxosConfig.defaults(id, opts.nodes());
      PaxosConfig cfg = new PaxosConfig(id, opts.nodes(), base.heartbeatTicks(), base.electionTicks(),
          base.leaseTicks(), 1 + (int) (opts.seed() % 4), 1 + (int) (opts.seed() % 3),
          opts.readPolicy(), opts.bugs());
      core = new PaxosCore(cfg, new SplittableRandom(opts.seed() * 1_000_003L + id * 7919L + incarnation), state);
      incarnation++;
    }
  }

  private boolean trace;
  private final Options opts;
  private final SplittableRandom random;
  private final List<Node> nodes = new ArrayList<>();
  private final PriorityQueue<Delivery> inFlight = new PriorityQueue<>(
      (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private final Set<Long> grudge = new HashSet<>();
  private final SafetyChecker checker;
  private long now;
  private long seq;
  private long nextKey = 1;
  private int ackedCount;
  private int readCount;
  private boolean faultsOn = true;

  PaxosSimulation(Options opts) {
    this.opts = opts;
    this.random = new SplittableRandom(opts.seed());
    this.checker = new SafetyChecker(opts.nodes());
    for (int i = 0; i < opts.nodes(); i++) {
      nodes.add(new Node(i));
    }
  }

  Result run() {
    int faultEnd = opts.ticks() * 3 / 4;
    for (now = 1; now <= opts.ticks(); now++) {
      if (now == faultEnd) {
        healEverything();
      }
      if (faultsOn) {
        nemesis();
      }
      deliverDue();
      for (Node n : nodes) {
        if (n.up) {
          n.core.tick();
          handle(n);
        }
      }
      clients();
      if (checker.violation() != null) {
        return finish();
      }
    }
    settleWithoutClients();
    return finish();
  }

  /** After the run, keeps ticking without new client work until every node applied the same log. */
  private void settleWithoutClients() {
    long stableSince = now;
    long lastSize = -1;
    for (long end = now + 5_000; now < end && checker.violation() == null; now++) {
      deliverDue();
      for (Node n : nodes) {
        n.core.tick();
        handle(n);
      }
      long size = nodes.get(0).sm.size();
      boolean same = nodes.stream().allMatch(n -> n.sm.size() == size);
      if (!same || size != lastSize) {
        stableSince = now;
        lastSize = size;
      } else if (now - stableSince > 200) {
        return;
      }
    }
  }

  /** Prints every message delivered in the last 60 ticks of the run (debugging a seed). */
  PaxosSimulation trace(boolean on) {
    this.trace = on;
    return this;
  }

  /** One line per node, for debugging a seed. */
  String describe() {
    StringBuilder b = new StringBuilder();
    for (Node n : nodes) {
      b.append(String.format("n%d up=%s role=%s leader=%d promised=%s prefix=%d applied=%d sm=%d snap=%d%n",
          n.id, n.up, n.core.role(), n.core.leader(), n.core.promised(), n.core.chosenPrefix(),
          n.core.applied(), n.sm.size(), n.disk.snapshotSlot())).append("   ").append(n.core.debugState()).append('\n');
    }
    return b.toString();
  }

  private Result finish() {
    long longest = 0;
    Node reference = null;
    boolean converged = true;
    for (Node n : nodes) {
      if (reference == null || n.sm.size() > longest) {
        longest = n.sm.size();
        reference = n;
      }
    }
    for (Node n : nodes) {
      if (n.sm.size() != longest) {
        converged = false;
      }
    }
    checker.finish(reference.sm.applied());
    return new Result(checker.violation(), ackedCount, readCount, longest, converged);
  }

  // ------------------------------------------------------------------ shell duties

  private void handle(Node n) {
    Ready r = n.core.drain();
    if (r.snapshot() != null) {
      n.sm.restore(r.snapshot().bytes());
      n.disk.replace(r.snapshot().lastSlot(), r.snapshot().bytes(), n.core.durableRecordsAfterSnapshot());
    }
    n.disk.write(r.persist());
    boolean skipFsync = opts.bugs().contains(PaxosBug.PAXOS_SKIP_FSYNC);
    if (!skipFsync || now % 50 == 0) {
      n.disk.sync(); // with the bug, only a periodic background flush reaches the disk
    }
    for (DurableRecord rec : r.persist()) {
      if (rec instanceof DurableRecord.Accepted a) {
        checker.accepted(n.id, a.slot(), a.ballot(), a.value());
      }
    }
    for (Ready.Outbound out : r.messages()) {
      send(n.id, out.to(), PaxosCodec.encode(out.message()));
    }
    for (PaxosMessage.SlotProposal p : r.apply()) {
      checker.applied(n.id, p.slot(), p.value(), n.sm.size() + 1);
      for (Command c : p.value().commands()) {
        long position = n.sm.apply(SimStateMachine.key(c));
        PendingOp op = c.origin() == n.id ? n.writes.remove(c.id()) : null;
        if (op != null) {
          ackedCount++;
          checker.writeAcked(seq++, op.key(), position);
        }
      }
    }
    for (long id : r.readsReady()) {
      PendingOp op = n.reads.remove(id);
      if (op != null) {
        readCount++;
        checker.readCompleted(op.invokeSeq(), seq++, n.sm.size(), n.id);
      }
    }
    r.readsFailed().forEach(n.reads::remove);
    for (long id : r.rejected()) {
      PendingOp op = n.writes.remove(id);
      if (op != null) {
        checker.writeFailed(op.key());
      }
    }
    r.abandoned().forEach(n.writes::remove);
    if (n.core.applied() - n.disk.snapshotSlot() >= opts.snapshotEvery()) {
      long slot = n.core.applied();
      byte[] snap = n.sm.snapshot();
      n.core.compact(slot, snap);
      n.disk.replace(slot, snap, n.core.durableRecordsAfterSnapshot());
    }
  }

  // ------------------------------------------------------------------ network

  private void send(int from, int to, byte[] bytes) {
    if (faultsOn && random.nextDouble() < opts.dropRate()) {
      return;
    }
    int copies = faultsOn && random.nextDouble() < opts.duplicateRate() ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      long delay = 1 + random.nextInt(faultsOn ? opts.maxDelay() : 2);
      inFlight.add(new Delivery(now + delay, seq++, from, to, bytes));
    }
  }

  private void deliverDue() {
    while (!inFlight.isEmpty() && inFlight.peek().at <= now) {
      Delivery d = inFlight.poll();
      Node target = nodes.get(d.to);
      if (!target.up || grudge.contains(link(d.from, d.to))) {
        continue;
      }
      if (trace && now > opts.ticks() - 60) {
        System.out.println("t=" + now + " " + d.from + "->" + d.to + " " + PaxosCodec.decode(d.bytes));
      }
      target.core.step(d.from, PaxosCodec.decode(d.bytes));
      handle(target);
    }
  }

  private static long link(int from, int to) {
    return ((long) from << 32) | to;
  }

  // ------------------------------------------------------------------ nemesis

  private void nemesis() {
    if (opts.partitions() && random.nextInt(150) == 0) {
      grudge.clear();
      switch (random.nextInt(4)) {
        case 0 -> { } // healed
        case 1 -> isolate(random.nextInt(opts.nodes()), true);
        case 2 -> isolate(random.nextInt(opts.nodes()), false);
        default -> randomHalves();
      }
    }
    if (opts.crashes()) {
      for (Node n : nodes) {
        if (n.up && random.nextInt(400) == 0) {
          n.up = false;
          n.disk.crash();
          n.writes.clear();
          n.reads.clear();
          n.restartAt = now + 10 + random.nextInt(120);
        } else if (!n.up && now >= n.restartAt) {
          n.up = true;
          n.boot();
        }
      }
    }
  }

  private void isolate(int node, boolean bothWays) {
    for (int other = 0; other < opts.nodes(); other++) {
      if (other != node) {
        grudge.add(link(other, node));
        if (bothWays) {
          grudge.add(link(node, other));
        }
      }
    }
  }

  private void randomHalves() {
    List<Integer> side = new ArrayList<>();
    for (int i = 0; i < opts.nodes(); i++) {
      if (random.nextBoolean()) {
        side.add(i);
      }
    }
    for (int a = 0; a < opts.nodes(); a++) {
      for (int b = 0; b < opts.nodes(); b++) {
        if (side.contains(a) != side.contains(b)) {
          grudge.add(link(a, b));
        }
      }
    }
  }

  private void healEverything() {
    faultsOn = false;
    grudge.clear();
    for (Node n : nodes) {
      if (!n.up) {
        n.up = true;
        n.boot();
      }
    }
  }

  // ------------------------------------------------------------------ clients

  private void clients() {
    if (random.nextDouble() < opts.writeRate()) {
      Node n = nodes.get(random.nextInt(nodes.size()));
      if (n.up) {
        long key = nextKey++;
        long id = key;
        n.writes.put(id, new PendingOp(key, seq++));
        n.core.propose(new Command(n.id, id, ByteBuffer.allocate(8).putLong(key).array()));
        handle(n);
      }
    }
    if (random.nextDouble() < opts.readRate()) {
      Node n = nodes.get(random.nextInt(nodes.size()));
      if (n.up) {
        long id = nextKey++;
        n.reads.put(id, new PendingOp(id, seq++));
        n.core.read(id);
        handle(n);
      }
    }
  }
}
