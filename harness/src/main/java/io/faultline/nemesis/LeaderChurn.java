package io.faultline.nemesis;

import io.faultline.runtime.ClusterRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * One {@link Fault.Churn} in effect: the node that leads is down, and {@link #react} moves the
 * fault to each new leader as it appears. Not thread safe: used by the one nemesis thread that
 * runs the churn schedule.
 */
final class LeaderChurn {
  private final Fault.Churn fault;
  private final ClusterRuntime runtime;
  private final NemesisLog log;
  private final LongConsumer sleeper;
  private final SplittableRandom random;
  private String victim;

  LeaderChurn(Fault.Churn fault, ClusterRuntime runtime, NemesisLog log, LongConsumer sleeper) {
    this.fault = fault;
    this.runtime = runtime;
    this.log = log;
    this.sleeper = sleeper;
    this.random = new SplittableRandom(fault.seed());
  }

  /** Takes down the leader, if one is known; records {@code start-churn} either way. */
  void start(Optional<String> leader) {
    List<String> errors = new ArrayList<>();
    leader.ifPresent(l -> takeDown(l, errors));
    log.record(fault.startF(), value(leader.isPresent() ? List.of(leader.get()) : List.of(), null, errors));
  }

  /**
   * When a node other than the current victim leads: waits the seeded delay, takes it down and
   * brings the previous victim back, recorded as {@code churn-move}.
   */
  void react(Optional<String> leader) {
    if (leader.isEmpty() || leader.get().equals(victim)) {
      return;
    }
    sleeper.accept(fault.maxDelayMs() <= 0 ? 0 : random.nextLong(fault.maxDelayMs() + 1));
    String previous = victim;
    victim = null; // set again only if the new leader is taken down
    List<String> errors = new ArrayList<>();
    takeDown(leader.get(), errors);
    if (previous != null) {
      bringBack(previous, errors);
    }
    log.record("churn-move", value(List.of(leader.get()), previous, errors));
  }

  /** Brings the last victim back; records {@code stop-churn}. */
  void heal() {
    List<String> errors = new ArrayList<>();
    String last = victim;
    if (last != null) {
      bringBack(last, errors);
    }
    victim = null;
    log.record(fault.healF(), value(last == null ? List.of() : List.of(last), null, errors));
  }

  private void takeDown(String node, List<String> errors) {
    try {
      if (fault.mode().equals("kill")) {
        runtime.kill(node);
      } else {
        runtime.pause(node);
      }
      victim = node;
    } catch (IOException | RuntimeException e) {
      errors.add(node + ": " + e.getMessage());
    }
  }

  private void bringBack(String node, List<String> errors) {
    try {
      if (fault.mode().equals("kill")) {
        runtime.restart(node);
      } else {
        runtime.resume(node);
      }
    } catch (IOException | RuntimeException e) {
      errors.add(node + ": " + e.getMessage());
    }
  }

  private Object value(List<String> nodes, String restored, List<String> errors) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("mode", fault.mode());
    v.put("nodes", nodes);
    if (restored != null) {
      v.put("restored", restored);
    }
    if (!errors.isEmpty()) {
      v.put("errors", errors);
    }
    return v;
  }
}
