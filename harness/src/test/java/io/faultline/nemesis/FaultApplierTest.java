package io.faultline.nemesis;

import io.faultline.runtime.Liveness;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.client.NodeAdmin;
import io.faultline.net.Grudge;
import io.faultline.net.Net;
import io.faultline.runtime.ClusterRuntime;
import io.faultline.runtime.NodeSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Faults applied to a scripted runtime and network: what is done, what is recorded, what heals. */
class FaultApplierTest {
  private final List<String> calls = new ArrayList<>();
  private final List<String> recorded = new ArrayList<>();
  private final Set<String> dead = new HashSet<>();
  /** Ports nodes' admin APIs listen on; a node missing here is down. */
  private final Map<String, Integer> adminPorts = new java.util.HashMap<>();

  private final ClusterRuntime runtime = new ClusterRuntime() {
    public void start(NodeSpec spec) {}

    public void kill(String node) {
      calls.add("kill " + node);
      dead.add(node);
    }

    @Override
    public void killTogether(List<String> nodes) {
      calls.add("kill-together " + String.join(",", nodes));
      dead.addAll(nodes);
    }

    public void stop(String node) {}

    public void pause(String node) {
      calls.add("pause " + node);
    }

    public void resume(String node) {
      calls.add("resume " + node);
    }

    public void restart(String node) {
      calls.add("restart " + node);
      dead.remove(node);
    }

    public Liveness liveness(String node) {
      return dead.contains(node) ? Liveness.EXITED : Liveness.RUNNING;
    }

    public List<String> nodes() {
      return List.of("n1", "n2", "n3");
    }

    public NodeSpec spec(String node) {
      // Nothing listens on port 1: clock calls fail fast, as for a node that is down.
      NodeSpec.Address admin = new NodeSpec.Address("127.0.0.1", adminPorts.getOrDefault(node, 1));
      return new NodeSpec(node, admin, new NodeSpec.Address("127.0.0.1", 1), Map.of());
    }

    public void close() {}
  };

  private final Net net = new Net() {
    public void partition(Grudge grudge) {
      calls.add("partition " + grudge.toJson());
    }

    public void slow(long latencyMs, long jitterMs) {
      calls.add("slow " + latencyMs);
    }

    public void slowEach(java.util.Map<String, Long> msByLink, long jitterMs) {
      calls.add("slow-each " + new java.util.TreeMap<>(msByLink));
    }

    public void healPartition() {
      calls.add("heal-partition");
    }

    public void healLatency() {
      calls.add("heal-latency");
    }

    public void heal() throws IOException {
      calls.add("heal");
    }
  };

  private final FaultApplier applier = new FaultApplier(runtime, net, new NodeAdmin(200),
      (f, v) -> recorded.add(f), ms -> { });

  @Test
  void unevenLatencyGoesLinkByLinkAndHealsLikeAnyLatency() {
    Fault slow = new Fault.Latency(200, 5, java.util.Map.of("n1->n2", 180L, "n2->n1", 3L));
    applier.start(slow);
    applier.heal(slow);
    assertThat(calls).containsExactly("slow-each {n1->n2=180, n2->n1=3}", "heal-latency");
    assertThat(recorded).containsExactly("start-latency", "stop-latency");
  }

  @Test
  void aStrobeIsRecordedWhenTheFlippingBeginsNotWhenItEnds() {
    List<String> recordedAtEachSleep = new ArrayList<>();
    FaultApplier strobing = new FaultApplier(runtime, net, new NodeAdmin(200), (f, v) -> recorded.add(f),
        ms -> recordedAtEachSleep.add(String.join(",", recorded) + "@" + ms));
    strobing.start(new Fault.ClockChange("strobe", List.of("n1"), 5_000, 1.0, 100, 400));
    // Four periods of 100 ms; the start was in the history before the first of them.
    assertThat(recordedAtEachSleep).containsExactly(
        "strobe-clock@100", "strobe-clock@100", "strobe-clock@100", "strobe-clock@100");
    assertThat(recorded).containsExactly("strobe-clock");
  }

  @Test
  void killThenHealRestartsTheSameNodesAndRecordsBoth() {
    Fault kill = new Fault.Kill("minority", List.of("n1", "n3"));
    applier.start(kill);
    applier.heal(kill);
    assertThat(calls).containsExactly("kill-together n1,n3", "restart n1", "restart n3");
    assertThat(recorded).containsExactly("kill", "restart");
  }

  @Test
  void partitionIsAppliedAsAGrudgeAndHealedThroughTheNet() {
    Fault p = new Fault.Partition("isolate-one", io.faultline.net.Partitions.isolate(runtime.nodes(), "n2"));
    applier.start(p);
    applier.heal(p);
    assertThat(calls.get(0)).startsWith("partition {n1=[n2], n2=[n1, n3], n3=[n2]}");
    assertThat(calls.get(1)).isEqualTo("heal-partition");
    assertThat(recorded).containsExactly("start-partition", "stop-partition");
  }

  @Test
  void healAllResumesLiveNodesAndRestartsDeadOnes() {
    applier.start(new Fault.Kill("one", List.of("n2")));
    calls.clear();
    applier.healAll();
    assertThat(calls).containsExactly("heal", "resume n1", "restart n2", "resume n3");
    assertThat(recorded).endsWith("heal-all");
  }

  @Test
  void theClocksOfSeveralNodesAreSetTogetherNotOneAfterAnother() throws Exception {
    // Each node's clock endpoint answers only once all three requests have arrived: set one after
    // another, the first would wait for the others in vain and fail.
    java.util.concurrent.CountDownLatch allArrived = new java.util.concurrent.CountDownLatch(3);
    List<com.sun.net.httpserver.HttpServer> servers = new ArrayList<>();
    try {
      for (String node : runtime.nodes()) {
        com.sun.net.httpserver.HttpServer server =
            com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/admin/clock", exchange -> {
          exchange.getRequestBody().readAllBytes();
          allArrived.countDown();
          boolean together;
          try {
            together = allArrived.await(2, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            together = false;
          }
          exchange.sendResponseHeaders(together ? 200 : 500, -1);
          exchange.close();
        });
        server.start();
        servers.add(server);
        adminPorts.put(node, server.getAddress().getPort());
      }
      List<Object> values = new ArrayList<>();
      FaultApplier a = new FaultApplier(runtime, net, new NodeAdmin(5_000), (f, v) -> values.add(v), ms -> { });
      a.start(new Fault.ClockChange("bump", List.of("n1", "n2", "n3"), 500, 1.0, 0, 0));
      assertThat(values).hasSize(1);
      assertThat(values.get(0).toString()).doesNotContain("errors");
    } finally {
      servers.forEach(server -> server.stop(0));
    }
  }

  @Test
  void aClockChangeThatCannotReachItsNodeIsRecordedWithTheError() {
    List<Object> values = new ArrayList<>();
    FaultApplier a = new FaultApplier(runtime, net, new NodeAdmin(200), (f, v) -> values.add(v), ms -> { });
    a.start(new Fault.ClockChange("bump", List.of("n1"), 500, 1.0, 0, 0));
    assertThat(values.get(0).toString()).contains("errors").contains("n1");
  }
}
