package io.faultline.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.net.Grudge;
import io.faultline.net.Net;
import io.faultline.runtime.ClusterRuntime;
import io.faultline.runtime.Liveness;
import io.faultline.runtime.NodeSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NemesisScheduleTest {

  private static NemesisSchedule schedule(SplittableRandom stagger) {
    return new NemesisSchedule(null, null, Optional::empty, 10_000, 10_000, stagger);
  }

  private static List<Long> gaps(NemesisSchedule s, int n) {
    List<Long> gaps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      gaps.add(s.nextGapMillis());
    }
    return gaps;
  }

  /** Runs a partition schedule with 30 ms intervals for a while and returns what it recorded. */
  private static List<String> runPartitions(boolean flap, List<String> netCalls) throws InterruptedException {
    List<String> recorded = Collections.synchronizedList(new ArrayList<>());
    Net net = new Net() {
      public void partition(Grudge grudge) {
        netCalls.add("partition");
      }

      public void slow(long latencyMs, long jitterMs) {}

      public void slowEach(Map<String, Long> msByLink, long jitterMs) {}

      public void healPartition() {
        netCalls.add("heal-partition");
      }

      public void healLatency() {}

      public void heal() {}
    };
    FaultApplier applier = new FaultApplier(null, net, null, (f, v) -> recorded.add(f), ms -> {});
    NemesisSchedule s = new NemesisSchedule(
        new NemesisPlanner(EnumSet.of(NemesisKind.PARTITION), List.of("n1", "n2", "n3"), 1, List.of("isolate-one")),
        applier, Optional::empty, 30, 0, null, flap);
    Thread t = new Thread(s);
    t.start();
    Thread.sleep(400);
    s.stop();
    t.join(5_000);
    return recorded;
  }

  @Test
  void aFlappingScheduleMovesFromPartitionToPartitionAndHealsOnlyWhenStopped() throws InterruptedException {
    List<String> netCalls = Collections.synchronizedList(new ArrayList<>());
    List<String> recorded = runPartitions(true, netCalls);
    assertThat(recorded.subList(0, recorded.size() - 1)).hasSizeGreaterThan(3).containsOnly("start-partition");
    assertThat(recorded.get(recorded.size() - 1)).isEqualTo("stop-partition");
    assertThat(netCalls).endsWith("heal-partition").containsOnlyOnce("heal-partition");
  }

  @Test
  void anAlternatingScheduleHealsAfterEveryPartition() throws InterruptedException {
    List<String> recorded = runPartitions(false, Collections.synchronizedList(new ArrayList<>()));
    assertThat(recorded).hasSizeGreaterThan(3);
    for (int i = 0; i < recorded.size(); i++) {
      assertThat(recorded.get(i)).isEqualTo(i % 2 == 0 ? "start-partition" : "stop-partition");
    }
    assertThat(recorded).endsWith("stop-partition");
  }

  /**
   * The time limit arrives while a kill is being applied (forced: the kill waits until stop() has
   * been called). The kill must run to its end without an interrupt, and only then be healed: an
   * interrupted kill once threw before the node was reaped, the restart that healed it saw the
   * dying process still "alive" and did nothing, and the node's death read as a crash.
   */
  @Test
  void stoppingDuringAKillLetsTheKillFinishUninterruptedThenHealsIt() throws Exception {
    CountDownLatch killEntered = new CountDownLatch(1);
    CountDownLatch stopCalled = new CountDownLatch(1);
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    ClusterRuntime runtime = new ScriptedRuntime(calls) {
      @Override
      public void killTogether(List<String> nodes) {
        killEntered.countDown();
        awaitQuietly(stopCalled);
        calls.add("kill " + String.join(",", nodes) + (Thread.currentThread().isInterrupted() ? " INTERRUPTED" : ""));
      }

      @Override
      public void restart(String node) {
        calls.add("restart " + node + (Thread.currentThread().isInterrupted() ? " INTERRUPTED" : ""));
      }
    };
    List<String> recorded = Collections.synchronizedList(new ArrayList<>());
    FaultApplier applier = new FaultApplier(runtime, null, null, (f, v) -> recorded.add(f), ms -> {});
    NemesisSchedule s = new NemesisSchedule(
        new NemesisPlanner(EnumSet.of(NemesisKind.KILL), runtime.nodes(), 1, List.of()),
        applier, Optional::empty, 60_000, 0, null, false);
    Thread t = new Thread(s);
    t.start();
    assertThat(killEntered.await(10, TimeUnit.SECONDS)).isTrue();
    s.stop();
    stopCalled.countDown();
    assertThat(s.awaitFinished(10_000)).isTrue();
    t.join(10_000);

    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).startsWith("kill ").doesNotContain("INTERRUPTED");
    assertThat(calls.get(1)).startsWith("restart ").doesNotContain("INTERRUPTED");
    assertThat(recorded).containsExactly("kill", "restart");
  }

  /**
   * A churn takes down the leader, then each new leader as it appears, bringing the previous one
   * back at that moment, and heals the last at the end: never more than one node down.
   */
  @Test
  void aChurnFollowsEachNewLeaderAndKeepsOneNodeDown() throws Exception {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    ClusterRuntime runtime = new ScriptedRuntime(calls) {
      @Override
      public void kill(String node) {
        calls.add("kill " + node);
      }

      @Override
      public void pause(String node) {
        calls.add("kill " + node); // the two modes act alike here
      }

      @Override
      public void resume(String node) {
        calls.add("restart " + node);
      }

      @Override
      public void restart(String node) {
        calls.add("restart " + node);
      }
    };
    List<String> recorded = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch healed = new CountDownLatch(1);
    FaultApplier applier = new FaultApplier(runtime, null, null, (f, v) -> {
      recorded.add(f);
      if (f.equals("stop-churn")) {
        healed.countDown();
      }
    }, ms -> {});
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    // n1 leads when the churn starts; n2 from the first look after it; n3 from the fourth.
    java.util.function.Supplier<Optional<String>> leader = () -> {
      int n = asked.getAndIncrement();
      return Optional.of(n <= 1 ? "n1" : n < 5 ? "n2" : "n3");
    };
    NemesisSchedule s = new NemesisSchedule(
        new NemesisPlanner(EnumSet.of(NemesisKind.CHURN), runtime.nodes(), 1, List.of()),
        applier, leader, 1_500, 0, null, false);
    Thread t = new Thread(s);
    t.start();
    assertThat(healed.await(30, TimeUnit.SECONDS)).isTrue();
    s.stop();
    assertThat(s.awaitFinished(10_000)).isTrue();
    assertThat(calls).containsExactly("kill n1", "kill n2", "restart n1", "kill n3", "restart n2", "restart n3");
    assertThat(recorded).containsExactly("start-churn", "churn-move", "churn-move", "stop-churn");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A runtime of three nodes that records nothing and does nothing, for tests to override. */
  private static class ScriptedRuntime implements ClusterRuntime {
    final List<String> calls;

    ScriptedRuntime(List<String> calls) {
      this.calls = calls;
    }

    public void start(NodeSpec spec) {}

    public void kill(String node) {}

    public void stop(String node) {}

    public void pause(String node) {}

    public void resume(String node) {}

    public void restart(String node) {}

    public Liveness liveness(String node) {
      return Liveness.RUNNING;
    }

    public List<String> nodes() {
      return List.of("n1", "n2", "n3");
    }

    public NodeSpec spec(String node) {
      NodeSpec.Address a = new NodeSpec.Address("127.0.0.1", 1);
      return new NodeSpec(node, a, a, Map.of());
    }

    public void close() {}
  }

  @Test
  void aSingleKindKeepsTheExactInterval() {
    assertThat(gaps(schedule(null), 5)).containsOnly(10_000L);
  }

  @Test
  void staggeredGapsDriftAroundTheIntervalAndRepeatWithTheSeed() {
    List<Long> gaps = gaps(schedule(new SplittableRandom(7)), 200);
    assertThat(gaps).allSatisfy(g -> assertThat(g).isBetween(5_000L, 14_999L));
    // Spread over the range, so the kinds meet in every phase rather than in one.
    assertThat(gaps.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(6_000L);
    assertThat(gaps.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(14_000L);
    assertThat(gaps(schedule(new SplittableRandom(7)), 200)).isEqualTo(gaps);
  }
}
