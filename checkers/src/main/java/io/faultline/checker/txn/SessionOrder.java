package io.faultline.checker.txn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Process (session) and real-time order edges. Failed transactions never happened and get none.
 *
 * <p>Real-time edges are a transitive reduction, as in Elle: when a transaction is invoked it
 * gets an edge from every transaction in the current frontier, the completed transactions not
 * yet followed by a completed successor. A completion removes from the frontier every
 * transaction that completed before the completer was invoked (the completer now stands for
 * them). Edges stay proportional to history size times concurrency.
 */
final class SessionOrder {
  private SessionOrder() {}

  static void addProcessEdges(TxnHistory history, DepGraph.Builder edges) {
    Map<Integer, Txn> lastByProcess = new HashMap<>();
    for (Txn txn : history.txns()) {
      if (txn.isFail()) {
        continue;
      }
      Txn previous = lastByProcess.put(txn.process(), txn);
      if (previous != null && previous.isOk()) {
        edges.add(previous.id(), txn.id(), EdgeType.PROCESS);
      }
    }
  }

  static void addRealtimeEdges(TxnHistory history, DepGraph.Builder edges, BudgetMeter meter) {
    int n = history.size();
    // Events in history order: invocation of txn t as t, ok completion as ~t.
    List<long[]> events = new ArrayList<>(2 * n);
    for (Txn txn : history.txns()) {
      if (txn.isFail()) {
        continue;
      }
      events.add(new long[] {txn.invokePosition(), txn.id()});
      if (txn.isOk()) {
        events.add(new long[] {txn.completePosition(), ~txn.id()});
      }
    }
    events.sort((x, y) -> Long.compare(x[0], y[0]));
    int[] frontier = new int[16];
    int size = 0;
    for (long[] event : events) {
      meter.tick();
      int code = (int) event[1];
      if (code >= 0) {
        for (int i = 0; i < size; i++) {
          edges.add(frontier[i], code, EdgeType.REALTIME);
        }
        continue;
      }
      Txn done = history.get(~code);
      int kept = 0;
      for (int i = 0; i < size; i++) {
        if (history.get(frontier[i]).completePosition() > done.invokePosition()) {
          frontier[kept++] = frontier[i];
        }
      }
      size = kept;
      if (size == frontier.length) {
        frontier = Arrays.copyOf(frontier, size * 2);
      }
      frontier[size++] = done.id();
    }
  }
}
