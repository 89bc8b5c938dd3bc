package io.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.checker.model.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
  private final LinearizabilityChecker register =
      LinearizabilityChecker.builder().model(Models.byName("cas-register")).build();

  private static final class H {
    final List<Op> ops = new ArrayList<>();

    H inv(int p, String f, Object v) {
      ops.add(Op.invoke(ops.size(), ops.size(), p, f, v));
      return this;
    }

    H ok(int p, String f, Object v) {
      ops.add(Op.complete(ops.size(), ops.size(), p, OpType.OK, f, v));
      return this;
    }

    H info(int p, String f, Object v) {
      ops.add(Op.complete(ops.size(), ops.size(), p, OpType.INFO, f, v));
      return this;
    }

    H keyed(Object key) {
      ops.replaceAll(o -> new Op(o.index(), o.time(), o.process(), o.type(), o.f(), key, o.value(), null, null));
      return this;
    }
  }

  @Test
  void concurrentWriteMayBeSeenOrNot() {
    H h = new H().inv(1, "write", 1L).ok(1, "write", 1L)
        .inv(1, "write", 2L).inv(2, "read", null).ok(2, "read", 1L).ok(1, "write", 2L)
        .inv(2, "read", null).ok(2, "read", 2L);
    assertThat(register.check(h.ops).verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void staleReadAfterCompletedWriteIsInvalidWithEvidence() {
    H h = new H().inv(1, "write", 1L).ok(1, "write", 1L)
        .inv(1, "write", 2L).ok(1, "write", 2L)
        .inv(2, "read", null).ok(2, "read", 1L);
    CheckResult r = register.check(h.ops);
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    Map<?, ?> failure = (Map<?, ?>) r.details().get("failure");
    assertThat(((Map<?, ?>) failure.get("operation")).get("text")).isEqualTo("p2 read -> 1");
    assertThat(failure.get("prefix-length")).isEqualTo(2);
    assertThat(failure.get("state")).isEqualTo("2");
    assertThat((List<?>) failure.get("region")).isNotEmpty();
  }

  @Test
  void crashedWriteMayTakeEffectLaterOrNever() {
    H later = new H().inv(1, "write", 1L).info(1, "write", 1L)
        .inv(2, "read", null).ok(2, "read", null)
        .inv(2, "read", null).ok(2, "read", 1L);
    assertThat(register.check(later.ops).verdict()).isEqualTo(Verdict.VALID);
    H never = new H().inv(1, "write", 1L).info(1, "write", 1L)
        .inv(2, "read", null).ok(2, "read", null);
    assertThat(register.check(never.ops).verdict()).isEqualTo(Verdict.VALID);
    H flipFlop = new H().inv(1, "write", 1L).info(1, "write", 1L)
        .inv(2, "read", null).ok(2, "read", 1L)
        .inv(2, "read", null).ok(2, "read", null);
    assertThat(register.check(flipFlop.ops).verdict()).isEqualTo(Verdict.INVALID);
  }

  @Test
  void keysAreCheckedIndependently() {
    List<Op> ops = new ArrayList<>(new H().inv(1, "write", 1L).ok(1, "write", 1L).keyed("a").ops);
    for (Op o : new H().inv(2, "read", null).ok(2, "read", 1L).keyed("b").ops) {
      ops.add(o.withIndex(ops.size()));
    }
    CheckResult r = register.check(ops);
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID); // b was never written
    assertThat(r.details().get("partitions")).isEqualTo(2);
    assertThat(((Map<?, ?>) r.details().get("failure")).get("key")).isEqualTo("b");
  }

  @Test
  void parallelSearchGivesTheSameVerdictsAsSequential() {
    for (long seed = 0; seed < 6; seed++) {
      double stale = seed % 2 == 0 ? 0.0 : 0.002;
      List<Op> h = io.faultline.checker.gen.RandomHistoryGenerator.generate(
          new io.faultline.checker.gen.RandomHistoryGenerator.Config(seed, 40, 5, 4000, 0.05, true, stale));
      CheckResult one = LinearizabilityChecker.builder().model(Models.byName("cas-register")).parallelism(1).build().check(h);
      CheckResult two = LinearizabilityChecker.builder().model(Models.byName("cas-register")).parallelism(2).build().check(h);
      assertThat(two.verdict()).as("seed %d", seed).isEqualTo(one.verdict());
      if (stale == 0.0) {
        assertThat(one.verdict()).isEqualTo(Verdict.VALID);
        assertThat(one.details().get("linearizable-partitions")).isEqualTo(40);
      }
    }
  }

  @Test
  void operationTheModelDoesNotKnowIsAnErrorWithLine() {
    H h = new H().inv(1, "write", 1L).ok(1, "write", 1L).inv(1, "enqueue", 3L).ok(1, "enqueue", 3L);
    assertThatThrownBy(() -> register.check(h.ops))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("history:3: model 'cas-register' does not understand f 'enqueue' (it understands read, write, cas)");
  }

  @Test
  void emptyAndNemesisOnlyHistoriesAreValid() {
    assertThat(register.check(List.of()).verdict()).isEqualTo(Verdict.VALID);
    List<Op> nemesis = List.of(new Op(0, 0, Op.NEMESIS, OpType.INFO, "kill", null, null, null, null));
    assertThat(register.check(nemesis).verdict()).isEqualTo(Verdict.VALID);
  }
}
