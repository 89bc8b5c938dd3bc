package io.faultline.node.paxos;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a node holds only while it leads one ballot: the slots it proposed that are not yet
 * decided, the commands waiting for a slot, and the heartbeat rounds that confirm its ballot for
 * reads and leases. Discarded as a whole when the node stops leading.
 */
final class LeaderState {
  /** A slot proposed in Phase 2 and not yet accepted by a majority. */
  static final class Inflight {
    final SlotValue value;
    final Set<Integer> acceptedBy = new HashSet<>();
    long lastSentTick;

    Inflight(SlotValue value, long lastSentTick) {
      this.value = value;
      this.lastSentTick = lastSentTick;
    }
  }

  /** A read waiting for a confirmed round; {@code node} is who asked (maybe this node). */
  record ReadWaiter(int node, long readId, long readIndex) {}

  record ForwardKey(int origin, long id) {}

  final Ballot ballot;
  /** Highest slot that Phase 1 found possibly decided; reads must wait for it. */
  final long recoveryEnd;
  long nextSlot;
  final TreeMap<Long, Inflight> inflight = new TreeMap<>();
  /** Slots decided (majority accepted) above the contiguous chosen prefix. */
  final TreeSet<Long> decidedAhead = new TreeSet<>();
  final ArrayDeque<Command> queue = new ArrayDeque<>();
  /** Forwards already taken while leading this ballot (the network may duplicate them). */
  final Set<ForwardKey> seenForwards = new HashSet<>();

  long round;
  final Map<Long, Long> roundSentTick = new HashMap<>();
  final long[] ackedRound;
  final long[] lastAckTick;
  final List<ReadWaiter> unassignedReads = new ArrayList<>();
  final TreeMap<Long, List<ReadWaiter>> readsByRound = new TreeMap<>();

  LeaderState(Ballot ballot, long recoveryEnd, int clusterSize, long now) {
    this.ballot = ballot;
    this.recoveryEnd = recoveryEnd;
    this.nextSlot = recoveryEnd + 1;
    this.ackedRound = new long[clusterSize];
    this.lastAckTick = new long[clusterSize];
    java.util.Arrays.fill(lastAckTick, now);
  }

  /** Highest round acknowledged by a majority (this node counts as acknowledging every round). */
  long confirmedRound(int self, int majority) {
    long[] acks = ackedRound.clone();
    acks[self] = round;
    java.util.Arrays.sort(acks);
    return acks[acks.length - majority];
  }

  /** Whether a majority (including this node) was heard from since {@code sinceTick}. */
  boolean quorumHeardSince(int self, int majority, long sinceTick, long now) {
    int heard = 0;
    for (int i = 0; i < lastAckTick.length; i++) {
      if (i == self || lastAckTick[i] >= sinceTick) {
        heard++;
      }
    }
    return heard >= majority;
  }

  boolean readRoundOutstanding(int self, int majority) {
    return !readsByRound.isEmpty() && readsByRound.lastKey() > confirmedRound(self, majority);
  }
}
