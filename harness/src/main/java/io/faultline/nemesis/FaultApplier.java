package io.faultline.nemesis;

import io.faultline.client.NodeAdmin;
import io.faultline.net.Net;
import io.faultline.runtime.ClusterRuntime;
import io.faultline.runtime.Liveness;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;

/**
 * Applies faults through the runtime, the network adapter and the nodes' admin API, and records
 * each start and heal in the history after it took effect. A fault that could only partly be applied
 * (a node did not answer its clock call) is recorded with the errors and still healed later.
 */
public final class FaultApplier {
  private final ClusterRuntime runtime;
  private final Net net;
  private final NodeAdmin admin;
  private final NemesisLog log;
  private final LongConsumer sleeper;
  /** Sends one clock request per node at once (see {@link #setClocks}); idle threads go away. */
  private final ExecutorService clockSetters = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "clock-setter");
    t.setDaemon(true);
    return t;
  });

  /** @param sleeper sleeps the given milliseconds (strobe timing); injected so tests need no sleeps */
  public FaultApplier(ClusterRuntime runtime, Net net, NodeAdmin admin, NemesisLog log, LongConsumer sleeper) {
    this.runtime = runtime;
    this.net = net;
    this.admin = admin;
    this.log = log;
    this.sleeper = sleeper;
  }

  /** A leader churn to run (see {@link NemesisSchedule}): it reacts to each new leader. */
  LeaderChurn churn(Fault.Churn fault) {
    return new LeaderChurn(fault, runtime, log, sleeper);
  }

  public void start(Fault fault) {
    if (fault instanceof Fault.Churn) {
      throw new IllegalArgumentException("a churn follows the leader: run it through churn(...)");
    }
    List<String> errors = new ArrayList<>();
    if (fault instanceof Fault.Partition p) {
      run(errors, "partition", () -> net.partition(p.grudge()));
    } else if (fault instanceof Fault.Kill k) {
      // One crash for all targets (a power loss when it is every node): killed one by one, the
      // survivors would keep persisting and flush what the first victims had only acknowledged.
      run(errors, String.join(",", k.nodes()), () -> runtime.killTogether(k.nodes()));
    } else if (fault instanceof Fault.Pause p) {
      for (String node : p.nodes()) {
        run(errors, node, () -> runtime.pause(node));
      }
    } else if (fault instanceof Fault.ClockChange c && "strobe".equals(c.mode())) {
      strobe(c); // records its own start: the strobe is the fault, not its aftermath
      return;
    } else if (fault instanceof Fault.ClockChange c) {
      setClocks(c.nodes(), c.offsetMs(), c.rate(), errors);
    } else if (fault instanceof Fault.Latency l) {
      if (l.uneven()) {
        run(errors, "latency", () -> net.slowEach(l.perLink(), l.jitterMs()));
      } else {
        run(errors, "latency", () -> net.slow(l.latencyMs(), l.jitterMs()));
      }
    }
    log.record(fault.startF(), withErrors(fault.toJson(), errors));
  }

  /**
   * Flips the clocks between {@code offsetMs} and 0 every period for the duration, then leaves them
   * at {@code offsetMs} until healed. The start is recorded after the first flip took effect (with
   * that flip's errors), so the history's fault interval covers the flipping, which is when
   * timers jump.
   */
  private void strobe(Fault.ClockChange c) {
    List<String> errors = new ArrayList<>();
    setClocks(c.nodes(), c.offsetMs(), 1.0, errors);
    log.record(c.startF(), withErrors(c.toJson(), errors));
    boolean flip = false;
    for (long t = c.periodMs(); t < c.durationMs(); t += c.periodMs()) {
      sleeper.accept(c.periodMs());
      // Best effort, as in healAll: a flip that misses a node is not worth an error.
      setClocks(c.nodes(), flip ? c.offsetMs() : 0, 1.0, new ArrayList<>());
      flip = !flip;
    }
    sleeper.accept(c.periodMs());
    setClocks(c.nodes(), c.offsetMs(), c.rate(), new ArrayList<>());
  }

  /**
   * Sets the clocks of {@code nodes} together, one request per node in parallel: a clock fault on
   * several nodes is one event (their time source misbehaving), and set one after another their
   * clocks would jump milliseconds apart — which decides, for instance, whether two strobed nodes'
   * election timers fire together. Errors are added per node, in the order of {@code nodes}.
   */
  private void setClocks(List<String> nodes, long offsetMs, double rate, List<String> errors) {
    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (String node : nodes) {
      calls.add(CompletableFuture.supplyAsync(() -> {
        List<String> nodeErrors = new ArrayList<>();
        run(nodeErrors, node, () -> admin.clock(runtime.spec(node).client(), offsetMs, rate));
        return nodeErrors.isEmpty() ? null : nodeErrors.get(0);
      }, clockSetters));
    }
    for (CompletableFuture<String> call : calls) {
      String error = call.join();
      if (error != null) {
        errors.add(error);
      }
    }
  }

  public void heal(Fault fault) {
    if (fault instanceof Fault.Churn) {
      throw new IllegalArgumentException("a churn follows the leader: heal it through churn(...)");
    }
    List<String> errors = new ArrayList<>();
    if (fault instanceof Fault.Partition) {
      run(errors, "heal", net::healPartition);
    } else if (fault instanceof Fault.Latency) {
      run(errors, "heal", net::healLatency);
    } else if (fault instanceof Fault.Kill k) {
      for (String node : k.nodes()) {
        run(errors, node, () -> runtime.restart(node));
      }
    } else if (fault instanceof Fault.Pause p) {
      for (String node : p.nodes()) {
        run(errors, node, () -> runtime.resume(node));
      }
    } else if (fault instanceof Fault.ClockChange c) {
      setClocks(c.nodes(), 0, 1.0, errors);
    }
    log.record(fault.healF(), withErrors(fault.toJson(), errors));
  }

  /**
   * Heals everything whatever happened before: network healed, every node resumed and running,
   * every clock reset. Recorded as {@code heal-all}.
   */
  public void healAll() {
    List<String> errors = new ArrayList<>();
    run(errors, "net", net::heal);
    for (String node : runtime.nodes()) {
      run(errors, node, () -> {
        // restart leaves a running node alone and resume one that is not paused: when the runtime
        // cannot tell whether the node runs, both are safe.
        Liveness liveness = runtime.liveness(node);
        if (liveness != Liveness.EXITED) {
          runtime.resume(node);
        }
        if (liveness != Liveness.RUNNING) {
          runtime.restart(node);
        }
      });
    }
    // Best effort: a just-restarted node may not listen yet; its clock starts at offset 0 anyway.
    setClocks(runtime.nodes(), 0, 1.0, new ArrayList<>());
    log.record("heal-all", withErrors(Map.of("nodes", runtime.nodes()), errors));
  }

  private interface Action {
    void run() throws IOException;
  }

  private static void run(List<String> errors, String what, Action action) {
    try {
      action.run();
    } catch (IOException | RuntimeException e) {
      errors.add(what + ": " + e.getMessage());
    }
  }

  private static Object withErrors(Object json, List<String> errors) {
    if (errors.isEmpty()) {
      return json;
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("fault", json);
    v.put("errors", errors);
    return v;
  }
}
