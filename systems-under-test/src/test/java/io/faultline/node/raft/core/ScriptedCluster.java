package io.faultline.node.raft.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A hand-driven cluster for scripted scenarios: the test decides who ticks and which messages
 * are delivered. Persistence is implicit (nothing crashes here); applied entries are recorded.
 */
final class ScriptedCluster {
  final Map<String, RaftCore> cores = new HashMap<>();
  final Map<String, TreeMap<Long, Entry>> applied = new HashMap<>();
  final List<RaftMessage> mailbox = new ArrayList<>();
  final List<RaftMessage> delivered = new ArrayList<>();
  final int electionTicks;

  ScriptedCluster(List<String> ids, int maxEntriesPerAppend, Set<RaftBug> bugs) {
    this.electionTicks = 10;
    for (String id : ids) {
      RaftConfig config = new RaftConfig(id, ids, electionTicks, 1, 8, maxEntriesPerAppend, 1 << 20, false, bugs);
      cores.put(id, RaftCore.fresh(config, new Random(id.hashCode())));
      applied.put(id, new TreeMap<>());
    }
  }

  RaftCore core(String id) {
    return cores.get(id);
  }

  /** Collects a node's output: messages go to the mailbox, committed entries are recorded. */
  void process(String id) {
    RaftCore core = cores.get(id);
    while (true) {
      Ready r = core.ready();
      if (r.isEmpty()) {
        return;
      }
      mailbox.addAll(r.messages());
      for (Entry e : r.committedEntries()) {
        applied.get(id).put(e.index(), e);
      }
      core.advance(r);
    }
  }

  void tick(String id, int times) {
    for (int i = 0; i < times; i++) {
      cores.get(id).tick();
      process(id);
    }
  }

  /** Drops every queued message (time passes while the network is down). */
  void dropAll() {
    mailbox.clear();
  }

  /**
   * Delivers messages among {@code up} until none are left, except those {@code drop} rejects;
   * messages from or to other nodes are lost.
   */
  void deliver(Set<String> up, Predicate<RaftMessage> drop) {
    while (!mailbox.isEmpty()) {
      List<RaftMessage> batch = new ArrayList<>(mailbox);
      mailbox.clear();
      for (RaftMessage m : batch) {
        if (up.contains(m.from()) && up.contains(m.to()) && !drop.test(m)) {
          delivered.add(m);
          cores.get(m.to()).step(m);
          process(m.to());
        }
      }
    }
  }

  void deliver(Set<String> up) {
    deliver(up, m -> false);
  }

  /**
   * Makes {@code candidate} win an election among {@code group}: the others first sit out an
   * election timeout without hearing from anyone (so they will vote), then the candidate times
   * out and campaigns.
   */
  void elect(String candidate, Set<String> group) {
    elect(candidate, group, m -> false);
  }

  /** As {@link #elect(String, Set)}, losing the messages {@code drop} selects. */
  void elect(String candidate, Set<String> group, Predicate<RaftMessage> drop) {
    for (String id : group) {
      if (!id.equals(candidate)) {
        tick(id, electionTicks);
      }
    }
    dropAll();
    RaftCore c = cores.get(candidate);
    for (int i = 0; i < 2 * electionTicks && c.role() == Role.LEADER; i++) {
      tick(candidate, 1); // an old leader cut off from its quorum steps down first
      dropAll();
    }
    // A first attempt may only teach the candidate a higher term; then it tries again.
    for (int attempt = 0; attempt < 3 && c.role() != Role.LEADER; attempt++) {
      for (int i = 0; i < 10 * electionTicks && c.role() != Role.PRE_CANDIDATE; i++) {
        tick(candidate, 1);
        if (c.role() != Role.PRE_CANDIDATE) {
          dropAll();
        }
      }
      deliver(group, drop);
    }
    if (c.role() != Role.LEADER) {
      throw new AssertionError(candidate + " failed to win an election among " + group + ": " + c.role());
    }
  }

  long propose(String leader, String command) {
    long index = cores.get(leader).propose(List.of(command.getBytes()));
    process(leader);
    return index;
  }
}
