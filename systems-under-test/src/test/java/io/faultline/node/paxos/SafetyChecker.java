package io.faultline.node.paxos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a simulated run. Observations arrive as they happen, stamped with a global event
 * sequence number (real-time order); the first violation is kept with a readable explanation.
 *
 * <ul>
 *   <li>at most one value is chosen per slot (a majority accepted it at one ballot);
 *   <li>no two nodes apply different values at one slot, and a command has one position;
 *   <li>no acknowledged command is lost, no definitely-failed command is ever applied;
 *   <li>a read sees every write acknowledged before it started, and no older state than a read
 *       that finished before it started.
 * </ul>
 */
final class SafetyChecker {
  private record AcceptKey(long slot, Ballot ballot) {}

  private record Vote(SlotValue value, Set<Integer> nodes) {}

  private record Ack(long seq, long position) {}

  private record ReadResult(long invokeSeq, long completeSeq, long observed, int node) {}

  private final int majority;
  private final Map<AcceptKey, Vote> votes = new HashMap<>();
  private final Map<Long, SlotValue> chosen = new HashMap<>();
  private final Map<Long, SlotValue> appliedAt = new HashMap<>();
  private final Map<Long, Long> positionOf = new HashMap<>();
  private final Map<Long, Ack> acked = new HashMap<>();
  private final Set<Long> definitelyFailed = new HashSet<>();
  private final List<ReadResult> reads = new ArrayList<>();
  private String violation;

  SafetyChecker(int clusterSize) {
    this.majority = clusterSize / 2 + 1;
  }

  String violation() {
    return violation;
  }

  private void violate(String what) {
    if (violation == null) {
      violation = what;
    }
  }

  void accepted(int node, long slot, Ballot ballot, SlotValue value) {
    Vote vote = votes.computeIfAbsent(new AcceptKey(slot, ballot), k -> new Vote(value, new HashSet<>()));
    if (!vote.value.equals(value)) {
      violate("two values proposed at slot " + slot + " ballot " + ballot);
    }
    if (vote.nodes.add(node) && vote.nodes.size() == majority) {
      SlotValue prior = chosen.putIfAbsent(slot, value);
      if (prior != null && !prior.equals(value)) {
        violate("two values chosen at slot " + slot + ": " + prior.commands() + " and "
            + value.commands() + " (second at ballot " + ballot + ")");
      }
    }
  }

  void applied(int node, long slot, SlotValue value, long firstPosition) {
    SlotValue prior = appliedAt.putIfAbsent(slot, value);
    if (prior != null && !prior.equals(value)) {
      violate("node " + node + " applied " + value.commands() + " at slot " + slot
          + " where another node applied " + prior.commands());
    }
    long position = firstPosition;
    for (Command c : value.commands()) {
      long key = SimStateMachine.key(c);
      Long priorPosition = positionOf.putIfAbsent(key, position);
      if (priorPosition != null && priorPosition != position) {
        violate("command " + key + " applied at position " + position + " on node " + node
            + " but at " + priorPosition + " elsewhere");
      }
      if (definitelyFailed.contains(key)) {
        violate("command " + key + " was reported definitely failed but applied at slot " + slot);
      }
      position++;
    }
  }

  void writeAcked(long seq, long key, long position) {
    acked.put(key, new Ack(seq, position));
  }

  void writeFailed(long key) {
    if (positionOf.containsKey(key)) {
      violate("command " + key + " was reported definitely failed but was applied");
    }
    definitelyFailed.add(key);
  }

  void readCompleted(long invokeSeq, long completeSeq, long observed, int node) {
    reads.add(new ReadResult(invokeSeq, completeSeq, observed, node));
  }

  /** Final checks once the cluster has converged; {@code finalLog} is a fully caught-up node's. */
  void finish(List<Long> finalLog) {
    Set<Long> present = new HashSet<>(finalLog);
    for (Map.Entry<Long, Ack> e : acked.entrySet()) {
      if (!present.contains(e.getKey())) {
        violate("acknowledged write " + e.getKey() + " is missing from the final log");
      }
    }
    for (long key : definitelyFailed) {
      if (present.contains(key)) {
        violate("definitely failed write " + key + " is in the final log");
      }
    }
    checkReads();
  }

  private void checkReads() {
    List<Ack> acks = new ArrayList<>(acked.values());
    acks.sort(Comparator.comparingLong(Ack::seq));
    List<ReadResult> byCompletion = new ArrayList<>(reads);
    byCompletion.sort(Comparator.comparingLong(ReadResult::completeSeq));
    List<ReadResult> byInvoke = new ArrayList<>(reads);
    byInvoke.sort(Comparator.comparingLong(ReadResult::invokeSeq));
    int ackIdx = 0;
    int doneIdx = 0;
    long maxAckedPosition = 0;
    long maxObserved = 0;
    for (ReadResult r : byInvoke) {
      while (ackIdx < acks.size() && acks.get(ackIdx).seq < r.invokeSeq) {
        maxAckedPosition = Math.max(maxAckedPosition, acks.get(ackIdx++).position);
      }
      while (doneIdx < byCompletion.size() && byCompletion.get(doneIdx).completeSeq < r.invokeSeq) {
        maxObserved = Math.max(maxObserved, byCompletion.get(doneIdx++).observed);
      }
      if (r.observed < maxAckedPosition) {
        violate("stale read on node " + r.node + ": saw " + r.observed
            + " commands but write at position " + maxAckedPosition + " was acknowledged before it");
      }
      if (r.observed < maxObserved) {
        violate("read on node " + r.node + " saw " + r.observed
            + " commands after another read had already seen " + maxObserved);
      }
    }
  }
}
