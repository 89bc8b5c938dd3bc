package io.faultline.node.paxos;

import io.faultline.node.paxos.PaxosMessage.AcceptedEntry;
import io.faultline.node.paxos.PaxosMessage.Promise;
import io.faultline.node.paxos.PaxosMessage.SlotProposal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a new leader must do after Phase 1, computed from a majority of promises (pure).
 *
 * @param decidedUpTo every slot up to here is decided somewhere; the leader proposes nothing there
 *     and fetches what it lacks from {@code decidedSource}
 * @param decidedSource the promiser that knows the longest decided prefix (maybe the leader)
 * @param reproposals for each slot above {@code decidedUpTo} up to the highest slot any promiser
 *     accepted: the value with the highest ballot reported, or a no-op for a gap
 */
record PhaseOneOutcome(long decidedUpTo, int decidedSource, List<SlotProposal> reproposals) {

  /** The highest slot Phase 1 found possibly decided: reads must wait for it. */
  long recoveryEnd() {
    return reproposals.isEmpty() ? decidedUpTo : reproposals.get(reproposals.size() - 1).slot();
  }

  static PhaseOneOutcome of(int self, long ownDecidedPrefix, Map<Integer, Promise> promises) {
    long decidedUpTo = ownDecidedPrefix;
    int source = self;
    for (Map.Entry<Integer, Promise> e : promises.entrySet()) {
      if (e.getValue().chosenPrefix() > decidedUpTo) {
        decidedUpTo = e.getValue().chosenPrefix();
        source = e.getKey();
      }
    }
    TreeMap<Long, AcceptedEntry> highest = new TreeMap<>();
    for (Promise p : promises.values()) {
      for (AcceptedEntry e : p.accepted()) {
        AcceptedEntry prior = highest.get(e.slot());
        if (e.slot() > decidedUpTo && (prior == null || e.ballot().greaterThan(prior.ballot()))) {
          highest.put(e.slot(), e);
        }
      }
    }
    List<SlotProposal> reproposals = new ArrayList<>();
    long end = highest.isEmpty() ? decidedUpTo : highest.lastKey();
    for (long s = decidedUpTo + 1; s <= end; s++) {
      AcceptedEntry e = highest.get(s);
      reproposals.add(new SlotProposal(s, e == null ? SlotValue.NOOP : e.value()));
    }
    return new PhaseOneOutcome(decidedUpTo, source, reproposals);
  }
}
