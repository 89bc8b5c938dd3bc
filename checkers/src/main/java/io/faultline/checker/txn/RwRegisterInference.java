package io.faultline.checker.txn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Inference for read-write register histories (Elle section 5). Written values are unique per
 * key, so a read names its writer (wr edges). Registers reveal far less order than lists; only
 * two sound inferences are used:
 *
 * <ul>
 *   <li>initial state: the empty register ({@code null}) precedes every written version, so a
 *       reader of {@code null} anti-depends (rw) on every writer of the key;
 *   <li>write follows read: a committed transaction that read version v of a key and then wrote
 *       v' installed v' after v (ww from v's writer, rw from v's other readers).
 * </ul>
 */
final class RwRegisterInference implements Inference {
  private final TxnHistory history;
  private final Map<Object, KeyState> keys = new HashMap<>();

  /** Everything known about one key. */
  private static final class KeyState {
    final Map<Object, Integer> writer = new HashMap<>();
    final Map<Object, Integer> failedWriter = new HashMap<>();
    final Map<Object, Integer> intermediate = new HashMap<>();
    /** Readers of each version; key null for the initial state. */
    final Map<Object, List<Integer>> readers = new HashMap<>();
    /** Version order pairs inferred by write-follows-read: [earlier, later]. */
    final List<Object[]> successions = new ArrayList<>();
    final Map<Object, Integer> readThenWrote = new HashMap<>();
  }

  RwRegisterInference(TxnHistory history) {
    this.history = history;
  }

  private KeyState key(Object key) {
    return keys.computeIfAbsent(key, k -> new KeyState());
  }

  @Override
  public void infer(DepGraph.Builder edges, Consumer<Anomaly> sink, BudgetMeter meter) {
    recordWrites();
    for (Txn txn : history.txns()) {
      if (txn.isOk()) {
        meter.tick();
        inferFromReads(txn, edges, sink);
      }
    }
    for (KeyState state : keys.values()) {
      for (Object[] pair : state.successions) {
        meter.tick();
        Integer earlierWriter = state.writer.get(pair[0]);
        Integer laterWriter = state.writer.get(pair[1]);
        if (laterWriter == null) {
          continue;
        }
        if (earlierWriter != null) {
          edges.add(earlierWriter, laterWriter, EdgeType.WW);
        }
        for (int reader : state.readers.getOrDefault(pair[0], List.of())) {
          edges.add(reader, laterWriter, EdgeType.RW);
        }
      }
      for (int reader : state.readers.getOrDefault(null, List.of())) {
        for (int writer : state.writer.values()) {
          meter.tick();
          edges.add(reader, writer, EdgeType.RW);
        }
      }
    }
  }

  private void recordWrites() {
    for (Txn txn : history.txns()) {
      List<MicroOp> ops = txn.ops();
      for (int i = 0; i < ops.size(); i++) {
        MicroOp op = ops.get(i);
        if (op.kind() != MicroOp.Kind.WRITE) {
          continue;
        }
        KeyState state = key(op.key());
        if (txn.isFail()) {
          state.failedWriter.put(op.value(), txn.id());
        } else {
          state.writer.put(op.value(), txn.id());
          if (lastWrite(ops, i + 1, op.key()) != null) {
            state.intermediate.put(op.value(), txn.id());
          }
        }
      }
    }
  }

  private static boolean writesLater(List<MicroOp> ops, int from, Object key, Object value) {
    for (int j = from + 1; j < ops.size(); j++) {
      MicroOp op = ops.get(j);
      if (op.kind() == MicroOp.Kind.WRITE && op.key().equals(key) && value.equals(op.value())) {
        return true;
      }
    }
    return false;
  }

  /** The txn's last write to {@code key} at or after micro-op {@code from}, or null. */
  private static MicroOp lastWrite(List<MicroOp> ops, int from, Object key) {
    MicroOp last = null;
    for (int j = from; j < ops.size(); j++) {
      if (ops.get(j).kind() == MicroOp.Kind.WRITE && ops.get(j).key().equals(key)) {
        last = ops.get(j);
      }
    }
    return last;
  }

  private void inferFromReads(Txn txn, DepGraph.Builder edges, Consumer<Anomaly> sink) {
    List<MicroOp> ops = txn.ops();
    for (int i = 0; i < ops.size(); i++) {
      MicroOp op = ops.get(i);
      if (!op.isRead()) {
        continue;
      }
      MicroOp earlier = null;
      for (int j = i - 1; j >= 0 && earlier == null; j--) {
        if (ops.get(j).key().equals(op.key())) {
          earlier = ops.get(j);
        }
      }
      if (earlier != null) {
        if (!Objects.equals(earlier.value(), op.value())) {
          sink.accept(Anomaly.of(AnomalyType.INTERNAL, "T1 " + txn.describe() + " read "
              + op.key() + " = " + op.value() + " after its own " + earlier, txn.id()));
        }
        continue;
      }
      KeyState state = key(op.key());
      Object value = op.value();
      if (value != null && writesLater(ops, i, op.key(), value)) {
        sink.accept(Anomaly.of(AnomalyType.INTERNAL, "T1 " + txn.describe() + " read "
            + op.key() + " = " + value + " before writing that value itself", txn.id()));
        continue;
      }
      state.readers.computeIfAbsent(value, v -> new ArrayList<>()).add(txn.id());
      MicroOp ownWrite = lastWrite(ops, i + 1, op.key());
      if (ownWrite != null) {
        state.successions.add(new Object[] {value, ownWrite.value()});
        Integer other = state.readThenWrote.putIfAbsent(value, txn.id());
        if (other != null) {
          sink.accept(Anomaly.of(AnomalyType.LOST_UPDATE, "T1 and T2 both read " + op.key()
              + " = " + value + " and then both wrote " + op.key(), other, txn.id()));
        }
      }
      if (value == null) {
        continue;
      }
      Integer writer = state.writer.get(value);
      if (writer == null) {
        Integer failed = state.failedWriter.get(value);
        sink.accept(failed != null
            ? Anomaly.of(AnomalyType.G1A, "T2 read " + op.key() + " = " + value
                + ", written by T1, which failed", failed, txn.id())
            : Anomaly.of(AnomalyType.GARBAGE_READ, "T1 read " + op.key() + " = " + value
                + ", which no transaction wrote", txn.id()));
        continue;
      }
      edges.add(writer, txn.id(), EdgeType.WR);
      Integer overwrote = state.intermediate.get(value);
      if (overwrote != null && overwrote != txn.id()) {
        sink.accept(Anomaly.of(AnomalyType.G1B, "T2 read " + op.key() + " = " + value
            + ", which T1 overwrote later in the same transaction", overwrote, txn.id()));
      }
    }
  }

  /** Whether version {@code later} of {@code key} directly follows {@code earlier}. */
  private boolean precedes(Object key, Object earlier, Object later) {
    if (earlier == null) {
      return true;
    }
    KeyState state = keys.get(key);
    for (Object[] pair : state.successions) {
      if (earlier.equals(pair[0]) && later.equals(pair[1])) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String explain(int from, int to, EdgeType type, String fromName, String toName) {
    Txn a = history.get(from);
    Txn b = history.get(to);
    switch (type) {
      case WR -> {
        for (MicroOp op : b.ops()) {
          KeyState state = keys.get(op.key());
          if (op.isRead() && op.value() != null && state != null
              && Integer.valueOf(from).equals(state.writer.get(op.value()))) {
            return fromName + " < " + toName + ": " + toName + " read " + op.key() + " = "
                + op.value() + ", which " + fromName + " wrote";
          }
        }
      }
      case WW -> {
        for (MicroOp op : b.ops()) {
          KeyState state = keys.get(op.key());
          if (op.isRead() && op.value() != null && state != null
              && Integer.valueOf(from).equals(state.writer.get(op.value()))) {
            return fromName + " < " + toName + ": " + toName + " read " + op.key() + " = "
                + op.value() + " (written by " + fromName + ") and then overwrote it";
          }
        }
      }
      case RW -> {
        for (MicroOp op : a.ops()) {
          if (!op.isRead()) {
            continue;
          }
          for (MicroOp write : b.ops()) {
            if (write.kind() == MicroOp.Kind.WRITE && write.key().equals(op.key())
                && precedes(op.key(), op.value(), write.value())) {
              String why = op.value() == null ? "the initial empty state precedes every write"
                  : "a transaction that read " + op.value() + " then wrote " + write.value();
              return fromName + " < " + toName + ": " + fromName + " read " + op.key() + " = "
                  + op.value() + ", a version before " + toName + "'s write of "
                  + write.value() + " (" + why + ")";
            }
          }
        }
      }
      default -> { }
    }
    return fromName + " < " + toName + " by a " + type.label() + " dependency";
  }
}
