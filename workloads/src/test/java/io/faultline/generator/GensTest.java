package io.faultline.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.Workloads;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GensTest {

  /** Drives one worker's cursor with a fake clock that jumps to each pending time. */
  static List<Invocation> drive(Gen gen, Worker worker, int max, long[] clock) {
    Gen.Cursor cursor = gen.open(worker);
    List<Invocation> out = new ArrayList<>();
    while (out.size() < max) {
      Step step = cursor.next(clock[0]);
      if (step instanceof Step.Emit e) {
        out.add(e.invocation());
      } else if (step instanceof Step.Pending p) {
        assertThat(p.untilNanos()).isGreaterThan(clock[0]);
        clock[0] = p.untilNanos();
      } else {
        break;
      }
    }
    return out;
  }

  @Test
  void sameSeedSameOperationsForEveryWorkload() {
    for (String name : Workloads.names()) {
      Workload w = Workloads.byName(name).orElseThrow();
      for (int worker = 0; worker < 4; worker++) {
        // A fresh generator per run, as the runner builds one per test.
        List<Invocation> a = drive(Gens.rate(100, w.operations(WorkloadOptions.defaults(4))), new Worker(worker, 4, 42), 500, new long[] {0});
        List<Invocation> b = drive(Gens.rate(100, w.operations(WorkloadOptions.defaults(4))), new Worker(worker, 4, 42), 500, new long[] {0});
        List<Invocation> c = drive(Gens.rate(100, w.operations(WorkloadOptions.defaults(4))), new Worker(worker, 4, 43), 500, new long[] {0});
        assertThat(a).as(name).hasSize(500).isEqualTo(b);
        if (!name.equals("set")) { // set values are arithmetic, not random
          assertThat(a).as(name).isNotEqualTo(c);
        }
      }
    }
  }

  @Test
  void rateSpacesOperationsAtConcurrencyOverRate() {
    long[] clock = {0};
    // 4 workers at 100 ops/s in total: each worker about 25 ops/s, so 500 ops take about 20 s.
    drive(Gens.rate(100, Gens.repeat(r -> new Invocation("read", null, null))), new Worker(0, 4, 1), 500, clock);
    assertThat(clock[0] / 1e9).isBetween(17.0, 23.0);
  }

  @Test
  void timeLimitStopsAtTheDeadline() {
    long[] clock = {1_000};
    Gen gen = Gens.timeLimit(1_000_000_000L, Gens.stagger(10_000_000L, Gens.repeat(r -> new Invocation("read", null, null))));
    List<Invocation> ops = drive(gen, new Worker(0, 1, 1), 10_000, clock);
    assertThat(ops.size()).isBetween(80, 120);
    assertThat(clock[0]).isLessThanOrEqualTo(1_000 + 1_000_000_000L);
  }

  @Test
  void untilStopsEveryWorkerAtTheSameAbsoluteDeadlineHoweverLateItStarted() {
    Gen gen = Gens.until(1_000_000_000L, Gens.stagger(10_000_000L, Gens.repeat(r -> new Invocation("read", null, null))));
    long[] early = {0};
    drive(gen, new Worker(0, 2, 1), 10_000, early);
    long[] late = {900_000_000L}; // this worker's thread got going 0.9 s into the phase
    List<Invocation> lateOps = drive(gen, new Worker(1, 2, 1), 10_000, late);
    assertThat(early[0]).isLessThanOrEqualTo(1_000_000_000L);
    assertThat(late[0]).isLessThanOrEqualTo(1_000_000_000L);
    assertThat(lateOps.size()).isBetween(5, 15);
    assertThat(drive(gen, new Worker(1, 2, 1), 10, new long[] {1_000_000_000L})).isEmpty();
  }

  @Test
  void perKeyKeepsAGroupOnOneKeyAndRetiresItAfterTheGroupsOps() {
    Gen gen = Gens.perKey(2, 10, Gens.repeat(r -> new Invocation("read", null, null)));
    List<Gen.Cursor> cursors = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      cursors.add(gen.open(new Worker(w, 4, 7)));
    }
    List<List<Object>> keysByWorker = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      keysByWorker.add(new ArrayList<>());
    }
    // Interleave the workers unevenly: worker 0 and 2 are twice as fast as their group mates.
    for (int round = 0; round < 20; round++) {
      for (int w = 0; w < 4; w++) {
        int times = (w % 2 == 0) ? 2 : 1;
        for (int t = 0; t < times; t++) {
          keysByWorker.get(w).add(((Step.Emit) cursors.get(w).next(0)).invocation().key());
        }
      }
    }
    Set<Object> group0 = new HashSet<>(keysByWorker.get(0));
    group0.addAll(keysByWorker.get(1));
    Set<Object> group1 = new HashSet<>(keysByWorker.get(2));
    group1.addAll(keysByWorker.get(3));
    // 60 ops per group, 10 per key: 6 keys each, disjoint, and both members worked on every key.
    assertThat(group0).containsExactlyInAnyOrder("k0", "k2", "k4", "k6", "k8", "k10");
    assertThat(group1).containsExactlyInAnyOrder("k1", "k3", "k5", "k7", "k9", "k11");
    assertThat(new HashSet<>(keysByWorker.get(1))).isEqualTo(group0);
    assertThat(new HashSet<>(keysByWorker.get(3))).isEqualTo(group1);
  }

  @Test
  void theFinalPhaseOfCasRegisterReadsEveryKeyTheMainPhaseTouchedOnce() {
    Workload casRegister = Workloads.byName("cas-register").orElseThrow();
    WorkloadOptions options = new WorkloadOptions(3, 1, 4, 8);
    Gen main = casRegister.operations(options);
    List<Gen.Cursor> cursors = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      cursors.add(main.open(new Worker(w, 3, 5)));
    }
    for (int round = 0; round < 9; round++) { // 9 ops per worker, 4 per key: keys k0..k8
      for (Gen.Cursor c : cursors) {
        c.next(0);
      }
    }
    assertThat(options.keysTouched().keys()).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8");

    Gen last = casRegister.finalOperations(options);
    List<Invocation> reads = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      List<Invocation> mine = drive(last, new Worker(w, 3, 5), 100, new long[] {0});
      assertThat(mine).as("worker %d reads every third key", w).hasSize(3);
      reads.addAll(mine);
    }
    assertThat(reads).extracting(Invocation::f).containsOnly("read");
    assertThat(reads).extracting(Invocation::key)
        .containsExactlyInAnyOrder("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8");
  }

  @Test
  void eachKeyOnceOnAnEmptyLedgerIsExhaustedAtOnce() {
    assertThat(drive(Gens.eachKeyOnce(new KeyLedger(), "read"), new Worker(0, 2, 1), 10, new long[] {0})).isEmpty();
  }

  @Test
  void phasesRunInOrderAndLimitCounts() {
    Gen gen = Gens.phases(
        Gens.limit(3, Gens.repeat(r -> new Invocation("write", null, 1L))),
        Gens.once(new Invocation("read", null, null)));
    List<Invocation> ops = drive(gen, new Worker(0, 1, 1), 100, new long[] {0});
    assertThat(ops).extracting(Invocation::f).containsExactly("write", "write", "write", "read");
  }

  @Test
  void mixDrawsFromAllAndEndsWhenAllEnd() {
    Gen gen = Gens.mix(
        Gens.limit(50, Gens.repeat(r -> new Invocation("a", null, null))),
        Gens.limit(50, Gens.repeat(r -> new Invocation("b", null, null))));
    List<Invocation> ops = drive(gen, new Worker(0, 1, 3), 1000, new long[] {0});
    assertThat(ops).hasSize(100);
    assertThat(ops.subList(0, 20)).extracting(Invocation::f).contains("a", "b");
  }
}
