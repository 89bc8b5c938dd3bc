package io.faultline.node.paxos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads submitted at this node and not yet answered: each has a deadline (in ticks) and, once a
 * leader has given it a read index, waits until the node has applied up to that index. A read is
 * answered exactly once: ready, failed or expired.
 */
final class LocalReads {
  private final TreeMap<Long, List<Long>> awaitingApply = new TreeMap<>();
  private final Map<Long, Long> deadlines = new HashMap<>();

  void start(long readId, long deadlineTick) {
    deadlines.put(readId, deadlineTick);
  }

  boolean isPending(long readId) {
    return deadlines.containsKey(readId);
  }

  /** The read may be served once this node has applied every slot up to {@code readIndex}. */
  void awaitApply(long readIndex, long readId) {
    awaitingApply.computeIfAbsent(readIndex, k -> new ArrayList<>()).add(readId);
  }

  /** Moves every read whose index is applied to {@code ready}. */
  void releaseApplied(long applied, List<Long> ready) {
    Iterator<Map.Entry<Long, List<Long>>> it = awaitingApply.headMap(applied, true).entrySet().iterator();
    while (it.hasNext()) {
      for (long id : it.next().getValue()) {
        if (deadlines.remove(id) != null) {
          ready.add(id);
        }
      }
      it.remove();
    }
  }

  void fail(long readId, List<Long> failed) {
    if (deadlines.remove(readId) != null) {
      failed.add(readId);
    }
  }

  /** Fails every read whose deadline has passed. */
  void expire(long now, List<Long> failed) {
    List<Long> expired = new ArrayList<>();
    deadlines.forEach((id, deadline) -> {
      if (deadline <= now) {
        expired.add(id);
      }
    });
    expired.forEach(id -> fail(id, failed));
    if (deadlines.isEmpty()) {
      awaitingApply.clear();
    }
  }
}
