package io.faultline.checker.txn;

import io.faultline.checker.history.HistoryFormatException;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactions of a history: every {@code f = "txn"} invocation paired with the next
 * completion of the same process. Other operations (nemesis events, non-transactional ops) are
 * ignored. Malformed input is reported as a {@link HistoryFormatException} that names the history
 * index and what was wrong.
 */
public final class TxnHistory {
  private final List<Txn> txns;

  private TxnHistory(List<Txn> txns) {
    this.txns = Collections.unmodifiableList(txns);
  }

  public List<Txn> txns() {
    return txns;
  }

  public int size() {
    return txns.size();
  }

  public Txn get(int id) {
    return txns.get(id);
  }

  /** Pairs and parses the transactions of {@code history}. */
  public static TxnHistory of(List<Op> history) throws HistoryFormatException {
    List<Txn> txns = new ArrayList<>();
    Map<Integer, Integer> pendingByProcess = new HashMap<>();
    List<Op> invokes = new ArrayList<>();
    List<Long> invokePositions = new ArrayList<>();
    List<Txn> slots = new ArrayList<>();
    for (int position = 0; position < history.size(); position++) {
      Op op = history.get(position);
      if (op == null || op.isNemesis() || !"txn".equals(op.f())) {
        continue;
      }
      if (op.type() == OpType.INVOKE) {
        if (pendingByProcess.containsKey(op.process())) {
          throw error(op, "process " + op.process() + " invoked a txn while its previous txn "
              + "(index " + invokes.get(pendingByProcess.get(op.process())).index()
              + ") has not completed");
        }
        pendingByProcess.put(op.process(), invokes.size());
        invokes.add(op);
        invokePositions.add((long) position);
        slots.add(null);
        continue;
      }
      Integer slot = pendingByProcess.remove(op.process());
      if (slot == null) {
        throw error(op, op.type().wireName() + " completion of process " + op.process()
            + " without a pending txn invocation");
      }
      Op invoke = invokes.get(slot);
      Op source = op.type() == OpType.OK ? op : invoke;
      slots.set(slot, new Txn(slot, invoke, op, op.type(), invokePositions.get(slot), position,
          parseOps(source)));
    }
    for (int slot = 0; slot < slots.size(); slot++) {
      Txn txn = slots.get(slot);
      if (txn == null) {
        Op invoke = invokes.get(slot);
        txn = new Txn(slot, invoke, null, OpType.INFO, invokePositions.get(slot), Long.MAX_VALUE,
            parseOps(invoke));
      }
      txns.add(txn);
    }
    return new TxnHistory(txns);
  }

  private static List<MicroOp> parseOps(Op op) throws HistoryFormatException {
    if (!(op.value() instanceof List<?> values)) {
      throw error(op, "txn value must be a list of micro-ops, got " + op.value());
    }
    List<MicroOp> ops = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      try {
        ops.add(MicroOp.parse(values.get(i)));
      } catch (IllegalArgumentException e) {
        throw error(op, "micro-op " + i + ": " + e.getMessage());
      }
    }
    return ops;
  }

  private static HistoryFormatException error(Op op, String problem) {
    return new HistoryFormatException("history index " + op.index(), 0, problem);
  }
}
