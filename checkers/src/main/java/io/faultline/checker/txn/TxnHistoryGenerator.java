package io.faultline.checker.txn;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random transactional histories with a known answer. Transactions run one after another
 * against an in-memory store (a serial, hence strictly serializable, execution, seeded); around
 * it the generator adds concurrency: each transaction is invoked just before it takes effect and
 * its completion is delayed by a random number of steps, so invoke/complete intervals overlap
 * while always containing the transaction's point in the serial order. Some transactions fail
 * (and take no effect) or end in info (and take effect or not, at random).
 *
 * <p>Optionally one {@link PlantedFault} is planted half-way, producing a known anomaly.
 */
public final class TxnHistoryGenerator {

  /** Which kind of transactions to generate. */
  public enum Workload { LIST_APPEND, RW_REGISTER }

  /** A single fault planted in an otherwise serializable history, with what it must produce. */
  public enum PlantedFault {
    NONE(null),
    /** Two transactions read the same version of a key and both write it; one write is lost. */
    LOST_UPDATE(AnomalyType.LOST_UPDATE),
    /** A read after a completed write misses it: needs real-time (or process) order. */
    STALE_READ(AnomalyType.G_SINGLE_REALTIME),
    /** Two transactions each read the other's write: circular information flow. */
    CYCLE(AnomalyType.G1C),
    /** A failed transaction's write becomes visible. */
    ABORTED_READ(AnomalyType.G1A),
    /** A read sees a transaction's first write to a key but not its second. */
    INTERMEDIATE_READ(AnomalyType.G1B),
    /** A list read returns one element twice (list-append only). */
    DUPLICATE(AnomalyType.DUPLICATE_ELEMENTS);

    private final AnomalyType expected;

    PlantedFault(AnomalyType expected) {
      this.expected = expected;
    }

    /** The anomaly the fault produces (STALE_READ may show as its -process twin). */
    public AnomalyType expected() {
      return expected;
    }
  }

  /** Shape of a generated history. */
  public record Config(Workload workload, int txns, int processes, int keys, int opsPerTxn,
      double failRate, double infoRate, PlantedFault fault) {

    public Config {
      if (txns < 1 || processes < 1 || keys < 2 || opsPerTxn < 1) {
        throw new IllegalArgumentException("txns, processes, opsPerTxn must be >= 1, keys >= 2");
      }
      if (fault == PlantedFault.DUPLICATE && workload == Workload.RW_REGISTER) {
        throw new IllegalArgumentException("DUPLICATE applies to list-append only");
      }
    }

    public static Config listAppend(int txns, int processes, int keys) {
      return new Config(Workload.LIST_APPEND, txns, processes, keys, 4, 0.02, 0.02,
          PlantedFault.NONE);
    }

    public static Config rwRegister(int txns, int processes, int keys) {
      return new Config(Workload.RW_REGISTER, txns, processes, keys, 4, 0.02, 0.02,
          PlantedFault.NONE);
    }

    public Config withFault(PlantedFault planted) {
      return new Config(workload, txns, processes, keys, opsPerTxn, failRate, infoRate, planted);
    }
  }

  private final Config config;
  private final Random random;
  private final List<Op> history = new ArrayList<>();
  private final Map<Long, List<Object>> lists = new HashMap<>();
  private final Map<Long, Object> registers = new HashMap<>();
  private final Map<Long, Long> nextValue = new HashMap<>();
  private final Pending[] inFlight;
  private final int[] processOf;
  private long time;

  /** A transaction invoked and not yet completed. */
  private record Pending(List<MicroOp> invoked, List<MicroOp> result, OpType outcome) {}

  private TxnHistoryGenerator(Config config, long seed) {
    this.config = config;
    this.random = new Random(seed);
    this.inFlight = new Pending[config.processes()];
    this.processOf = new int[config.processes()];
    for (int p = 0; p < processOf.length; p++) {
      processOf[p] = p;
    }
  }

  /** The history for {@code config} and {@code seed}; the same inputs give the same history. */
  public static List<Op> generate(Config config, long seed) {
    return new TxnHistoryGenerator(config, seed).run();
  }

  private List<Op> run() {
    int plantAt = config.fault() == PlantedFault.NONE ? -1 : config.txns() / 2;
    for (int step = 0; step < config.txns(); step++) {
      if (step == plantAt) {
        new FaultPlanter(this).plant(config.fault(), randomKey(), randomKey());
        continue;
      }
      List<MicroOp> ops = randomOps();
      double roll = random.nextDouble();
      if (roll < config.failRate()) {
        issue(ops, null, OpType.FAIL);
      } else if (roll < config.failRate() + config.infoRate()) {
        issue(ops, random.nextBoolean() ? apply(ops) : null, OpType.INFO);
      } else {
        issue(ops, apply(ops), OpType.OK);
      }
    }
    for (int slot = 0; slot < inFlight.length; slot++) {
      complete(slot);
    }
    return history;
  }

  /**
   * Invokes a transaction on a random free-or-busy process slot (completing its previous one
   * first) and lets other in-flight transactions complete at random, each with probability
   * 1/processes per step, so about half the processes have a transaction in flight.
   */
  int issue(List<MicroOp> invoked, List<MicroOp> result, OpType outcome) {
    for (int slot = 0; slot < inFlight.length; slot++) {
      if (inFlight[slot] != null && random.nextInt(inFlight.length) == 0) {
        complete(slot);
      }
    }
    int slot = random.nextInt(inFlight.length);
    complete(slot);
    history.add(Op.invoke(history.size(), time++, processOf[slot], "txn", toJson(invoked, true)));
    inFlight[slot] = new Pending(invoked, result, outcome);
    return slot;
  }

  void complete(int slot) {
    Pending pending = inFlight[slot];
    if (pending == null) {
      return;
    }
    inFlight[slot] = null;
    List<MicroOp> value = pending.outcome() == OpType.OK ? pending.result() : pending.invoked();
    history.add(Op.complete(history.size(), time++, processOf[slot], pending.outcome(), "txn",
        toJson(value, pending.outcome() != OpType.OK)));
    if (pending.outcome() == OpType.INFO) {
      processOf[slot] += inFlight.length; // a crashed process continues under a new id
    }
  }

  private static List<Object> toJson(List<MicroOp> ops, boolean blankReads) {
    List<Object> json = new ArrayList<>(ops.size());
    for (MicroOp op : ops) {
      json.add(op.isRead() && blankReads ? MicroOp.read(op.key(), null).toJson() : op.toJson());
    }
    return json;
  }

  private List<MicroOp> randomOps() {
    List<MicroOp> ops = new ArrayList<>(config.opsPerTxn());
    for (int i = 0; i < config.opsPerTxn(); i++) {
      long key = randomKey();
      if (random.nextBoolean()) {
        ops.add(MicroOp.read(key, null));
      } else {
        ops.add(writeOf(key));
      }
    }
    return ops;
  }

  long randomKey() {
    return random.nextInt(config.keys());
  }

  /** A write (or append) of a fresh value, unique for the key. */
  MicroOp writeOf(long key) {
    long value = nextValue.merge(key, 1L, Long::sum);
    return config.workload() == Workload.LIST_APPEND ? MicroOp.append(key, value)
        : MicroOp.write(key, value);
  }

  /** Runs ops against the store at this point of the serial order; returns them, reads filled. */
  List<MicroOp> apply(List<MicroOp> ops) {
    List<MicroOp> result = new ArrayList<>(ops.size());
    for (MicroOp op : ops) {
      long key = (Long) op.key();
      if (op.isRead()) {
        result.add(MicroOp.read(key, read(key)));
      } else {
        if (op.kind() == MicroOp.Kind.APPEND) {
          lists.computeIfAbsent(key, k -> new ArrayList<>()).add(op.value());
        } else {
          registers.put(key, op.value());
        }
        result.add(op);
      }
    }
    return result;
  }

  /** The current value of a key: a copy of the list, or the register's value. */
  Object read(long key) {
    if (config.workload() == Workload.LIST_APPEND) {
      return List.copyOf(lists.getOrDefault(key, List.of()));
    }
    return registers.get(key);
  }

  Workload workload() {
    return config.workload();
  }

  /** Replaces a key's state; used by planted faults that lose or reorder writes. */
  void overwrite(long key, Object state) {
    if (config.workload() == Workload.LIST_APPEND) {
      @SuppressWarnings("unchecked")
      List<Object> list = new ArrayList<>((List<Object>) state);
      lists.put(key, list);
    } else {
      registers.put(key, state);
    }
  }
}
