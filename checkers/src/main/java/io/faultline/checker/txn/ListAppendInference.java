package io.faultline.checker.txn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Inference for list-append histories (Elle section 4). Appended values are unique per key, so
 * a read names the writer of every element it returns, and the longest read of a key gives the
 * key's version order; every other read must be a prefix of it (else incompatible-order and the
 * key's order is not used). From the order: ww edges between the writers of consecutive
 * elements, wr edges from the writer of a read's last element to the reader, rw edges from a
 * reader to the writer of the element that follows what it read.
 *
 * <p>A read's "external" part excludes the reader's own earlier appends, which it must see at
 * its end (else the transaction is internally inconsistent and that read is not used).
 */
final class ListAppendInference implements Inference {
  private static final Object INITIAL = new Object();

  private final TxnHistory history;
  private final Map<Object, KeyState> keys = new HashMap<>();

  /** Everything known about one key. */
  private static final class KeyState {
    final Map<Object, Integer> writer = new HashMap<>();
    final Map<Object, Integer> failedWriter = new HashMap<>();
    /** Appends followed by another append of the same writer to the key: G1b if read last. */
    final Map<Object, Integer> intermediate = new HashMap<>();
    /** Who read each version before appending to the key: two of them is a lost update. */
    final Map<Object, Integer> readThenAppended = new HashMap<>();
    List<?> longest = List.of();
    int longestReader = -1;
    Map<Object, Integer> position;
    boolean incompatible;
    /**
     * Position of the first element of the longest read with no ok/info writer: a prefix read
     * shorter than this needs no element-by-element check for aborted or garbage reads.
     */
    int firstUnwritten = Integer.MAX_VALUE;
  }

  ListAppendInference(TxnHistory history) {
    this.history = history;
  }

  private KeyState key(Object key) {
    return keys.computeIfAbsent(key, k -> new KeyState());
  }

  @Override
  public void infer(DepGraph.Builder edges, Consumer<Anomaly> sink, BudgetMeter meter) {
    recordAppends(sink);
    List<Txn> consistent = checkReadsAndFindOrders(sink, meter);
    for (Map.Entry<Object, KeyState> entry : keys.entrySet()) {
      KeyState state = entry.getValue();
      state.position = new HashMap<>(state.longest.size() * 2);
      for (int i = 0; i < state.longest.size(); i++) {
        if (state.firstUnwritten == Integer.MAX_VALUE
            && !state.writer.containsKey(state.longest.get(i))) {
          state.firstUnwritten = i;
        }
        if (state.position.putIfAbsent(state.longest.get(i), i) != null) {
          reportDuplicate(state.longestReader, entry.getKey(), state.longest, sink);
          state.firstUnwritten = 0; // the scan stops here: check every read in full
          break;
        }
      }
    }
    for (Txn txn : consistent) {
      meter.tick();
      inferFromReads(txn, edges, sink);
    }
    for (Map.Entry<Object, KeyState> entry : keys.entrySet()) {
      inferWriteOrder(entry.getKey(), entry.getValue(), edges, sink);
    }
  }

  private void recordAppends(Consumer<Anomaly> sink) {
    for (Txn txn : history.txns()) {
      List<MicroOp> ops = txn.ops();
      for (int i = 0; i < ops.size(); i++) {
        MicroOp op = ops.get(i);
        if (op.kind() != MicroOp.Kind.APPEND) {
          continue;
        }
        KeyState state = key(op.key());
        if (txn.isFail()) {
          state.failedWriter.put(op.value(), txn.id());
          continue;
        }
        state.writer.put(op.value(), txn.id());
        if (appendsLater(ops, i)) {
          state.intermediate.put(op.value(), txn.id());
        }
      }
    }
  }

  private static boolean appendsLater(List<MicroOp> ops, int from) {
    Object key = ops.get(from).key();
    for (int j = from + 1; j < ops.size(); j++) {
      if (ops.get(j).kind() == MicroOp.Kind.APPEND && ops.get(j).key().equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** Internal consistency and duplicates; longest reads. Returns the ok txns fit for inference. */
  private List<Txn> checkReadsAndFindOrders(Consumer<Anomaly> sink, BudgetMeter meter) {
    List<Txn> consistent = new ArrayList<>();
    for (Txn txn : history.txns()) {
      if (!txn.isOk()) {
        continue;
      }
      meter.tick();
      String problem = internalProblem(txn);
      if (problem != null) {
        sink.accept(Anomaly.of(AnomalyType.INTERNAL, "T1 " + txn.describe() + " " + problem,
            txn.id()));
        continue;
      }
      consistent.add(txn);
      for (MicroOp op : txn.ops()) {
        if (op.isRead()) {
          List<?> read = asList(op.value());
          KeyState state = key(op.key());
          if (read.size() > state.longest.size()) {
            state.longest = read;
            state.longestReader = txn.id();
          }
        }
      }
    }
    return consistent;
  }

  /** Why the txn's reads contradict its own earlier reads/appends, or null. */
  private static String internalProblem(Txn txn) {
    List<MicroOp> ops = txn.ops();
    for (int i = 0; i < ops.size(); i++) {
      MicroOp op = ops.get(i);
      if (!op.isRead()) {
        continue;
      }
      if (op.value() != null && !(op.value() instanceof List<?>)) {
        return "read " + op.key() + " = " + op.value() + ", which is not a list";
      }
      List<?> read = asList(op.value());
      for (int j = i + 1; j < ops.size(); j++) {
        MicroOp later = ops.get(j);
        if (later.kind() == MicroOp.Kind.APPEND && later.key().equals(op.key())
            && read.contains(later.value())) {
          return "read " + op.key() + " = " + read + ", which includes its own later append of "
              + later.value();
        }
      }
      List<Object> expected = null;
      List<Object> appended = new ArrayList<>();
      for (int j = i - 1; j >= 0; j--) {
        MicroOp earlier = ops.get(j);
        if (!earlier.key().equals(op.key())) {
          continue;
        }
        if (earlier.isRead()) {
          expected = new ArrayList<>(asList(earlier.value()));
          break;
        }
        appended.add(0, earlier.value());
      }
      if (expected != null) {
        expected.addAll(appended);
        if (!expected.equals(read)) {
          return "read " + op.key() + " = " + read + " but its earlier read and appends imply "
              + expected;
        }
      } else if (read.size() < appended.size()
          || !read.subList(read.size() - appended.size(), read.size()).equals(appended)) {
        return "read " + op.key() + " = " + read + ", which does not end with its own appends "
            + appended;
      }
    }
    return null;
  }

  private static void reportDuplicate(int reader, Object key, List<?> read,
      Consumer<Anomaly> sink) {
    sink.accept(Anomaly.of(AnomalyType.DUPLICATE_ELEMENTS, "T1 read " + key + " = " + read
        + ", which holds " + duplicateOf(read) + " more than once", reader));
  }

  private static Object duplicateOf(List<?> read) {
    Set<Object> seen = new HashSet<>();
    for (Object element : read) {
      if (!seen.add(element)) {
        return element;
      }
    }
    return null;
  }

  static List<?> asList(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  /** Own appends to {@code key} before micro-op {@code index}. */
  private static int ownAppendsBefore(List<MicroOp> ops, int index, Object key) {
    int count = 0;
    for (int j = 0; j < index; j++) {
      if (ops.get(j).kind() == MicroOp.Kind.APPEND && ops.get(j).key().equals(key)) {
        count++;
      }
    }
    return count;
  }

  private void inferFromReads(Txn txn, DepGraph.Builder edges, Consumer<Anomaly> sink) {
    List<MicroOp> ops = txn.ops();
    for (int i = 0; i < ops.size(); i++) {
      MicroOp op = ops.get(i);
      if (!op.isRead()) {
        continue;
      }
      KeyState state = key(op.key());
      List<?> read = asList(op.value());
      boolean prefix = isPrefix(read, state.longest);
      if (!prefix) {
        // Every prefix of the longest read was checked with it; this read needs its own check.
        if (new HashSet<>(read).size() != read.size()) {
          reportDuplicate(txn.id(), op.key(), read, sink);
        }
        if (!state.incompatible) {
          state.incompatible = true;
          sink.accept(Anomaly.of(AnomalyType.INCOMPATIBLE_ORDER, List.of(
              "T1 read " + op.key() + " = " + read,
              "T2 read " + op.key() + " = " + state.longest,
              "neither is a prefix of the other, so no order of appends explains both"),
              txn.id(), state.longestReader));
        }
      }
      int own = ownAppendsBefore(ops, i, op.key());
      List<?> external = read.subList(0, read.size() - own);
      if (!prefix || external.size() > state.firstUnwritten) {
        checkElements(txn, op.key(), external, state, sink);
      }
      Object last = external.isEmpty() ? INITIAL : external.get(external.size() - 1);
      if (!external.isEmpty()) {
        Integer writer = state.writer.get(last);
        if (writer != null) {
          edges.add(writer, txn.id(), EdgeType.WR);
          Integer overwrote = state.intermediate.get(last);
          if (overwrote != null && overwrote != txn.id()) {
            sink.accept(Anomaly.of(AnomalyType.G1B, "T2 read " + op.key() + " = " + read
                + ", ending with " + last + ", but T1 appended more to " + op.key()
                + " after " + last, overwrote, txn.id()));
          }
        }
      }
      if (own == 0 && appendsAfter(ops, i, op.key())) {
        Integer other = state.readThenAppended.putIfAbsent(last, txn.id());
        if (other != null && other != txn.id()) {
          sink.accept(Anomaly.of(AnomalyType.LOST_UPDATE, List.of(
              "T1 and T2 both read " + op.key() + " = " + external + " and then both appended to "
                  + op.key() + ": one of the appends was not seen by the other")
              , other, txn.id()));
        }
      }
      if (!state.incompatible && prefix && external.size() < state.longest.size()) {
        Integer next = state.writer.get(state.longest.get(external.size()));
        if (next != null) {
          edges.add(txn.id(), next, EdgeType.RW);
        }
      }
    }
  }

  private static boolean appendsAfter(List<MicroOp> ops, int index, Object key) {
    for (int j = index + 1; j < ops.size(); j++) {
      if (ops.get(j).kind() == MicroOp.Kind.APPEND && ops.get(j).key().equals(key)) {
        return true;
      }
    }
    return false;
  }

  private void checkElements(Txn txn, Object key, List<?> external, KeyState state,
      Consumer<Anomaly> sink) {
    for (Object element : external) {
      if (state.writer.containsKey(element)) {
        continue;
      }
      Integer failed = state.failedWriter.get(element);
      if (failed != null) {
        sink.accept(Anomaly.of(AnomalyType.G1A, "T2 read " + key + " = " + external
            + ", which includes " + element + ", appended by T1, which failed", failed,
            txn.id()));
      } else {
        sink.accept(Anomaly.of(AnomalyType.GARBAGE_READ, "T1 read " + key + " = " + external
            + ", which includes " + element + ", which no transaction appended", txn.id()));
      }
      return;
    }
  }

  private void inferWriteOrder(Object key, KeyState state, DepGraph.Builder edges,
      Consumer<Anomaly> sink) {
    if (state.incompatible) {
      return;
    }
    Integer previous = null;
    Integer abortedBefore = null;
    Object abortedElement = null;
    boolean reported = false;
    for (Object element : state.longest) {
      Integer writer = state.writer.get(element);
      if (writer == null) {
        if (abortedBefore == null && state.failedWriter.containsKey(element)) {
          abortedBefore = state.failedWriter.get(element);
          abortedElement = element;
        }
        previous = null;
        continue;
      }
      if (abortedBefore != null && !reported) {
        reported = true;
        sink.accept(Anomaly.of(AnomalyType.DIRTY_UPDATE, "T2 appended " + element + " to " + key
            + " after " + abortedElement + ", appended by T1, which failed (" + key + " = "
            + state.longest + ")", abortedBefore, writer));
      }
      if (previous != null) {
        edges.add(previous, writer, EdgeType.WW);
      }
      previous = writer;
    }
  }

  private static boolean isPrefix(List<?> shorter, List<?> longer) {
    if (shorter.size() > longer.size()) {
      return false;
    }
    // Compared from the end: a divergent read usually differs in its last elements.
    for (int i = shorter.size() - 1; i >= 0; i--) {
      Object a = shorter.get(i);
      Object b = longer.get(i);
      if (a != b && !a.equals(b)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String explain(int from, int to, EdgeType type, String fromName, String toName) {
    Txn a = history.get(from);
    Txn b = history.get(to);
    switch (type) {
      case WW -> {
        for (MicroOp op : a.ops()) {
          KeyState state = keys.get(op.key());
          if (op.kind() != MicroOp.Kind.APPEND || state == null || state.position == null) {
            continue;
          }
          Integer at = state.position.get(op.value());
          if (at != null && at + 1 < state.longest.size()
              && Integer.valueOf(to).equals(state.writer.get(state.longest.get(at + 1)))) {
            return fromName + " < " + toName + ": " + fromName + " appended " + op.value()
                + " to " + op.key() + " and " + toName + " appended "
                + state.longest.get(at + 1) + " right after it (" + op.key() + " = "
                + state.longest + ")";
          }
        }
      }
      case WR -> {
        for (MicroOp op : b.ops()) {
          KeyState state = keys.get(op.key());
          List<?> read = asList(op.value());
          if (op.isRead() && state != null && !read.isEmpty()) {
            for (Object element : read) {
              if (Integer.valueOf(from).equals(state.writer.get(element))) {
                return fromName + " < " + toName + ": " + toName + " read " + op.key() + " = "
                    + read + ", which includes " + fromName + "'s append of " + element;
              }
            }
          }
        }
      }
      case RW -> {
        for (MicroOp op : a.ops()) {
          KeyState state = keys.get(op.key());
          if (!op.isRead() || state == null) {
            continue;
          }
          List<?> read = asList(op.value());
          for (int i = read.size(); i < state.longest.size(); i++) {
            Object element = state.longest.get(i);
            if (Integer.valueOf(to).equals(state.writer.get(element))) {
              return fromName + " < " + toName + ": " + fromName + " read " + op.key() + " = "
                  + read + ", which does not include " + toName + "'s later append of "
                  + element;
            }
          }
        }
      }
      default -> { }
    }
    return fromName + " < " + toName + " by a " + type.label() + " dependency";
  }
}
