package io.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.gen.CrashedKeyHistory;
import io.faultline.checker.gen.RandomHistoryGenerator;
import io.faultline.checker.history.History;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.checker.history.Operation;
import io.faultline.checker.history.Pairing;
import io.faultline.checker.model.Model;
import io.faultline.checker.model.Models;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Histories where most operations crashed: the shape of the undecided keys of a Raft run under
 * partitions, kills, pauses and clock faults (issue: "UNKNOWN on a correct Raft").
 */
class CrashHeavyTest {
  /**
   * The undecided key: 100 operations from many clients, 74 crashed writes and CAS of 0..4 (each
   * on a process of its own), 26 failed, then one ok read of null. No crashed write took effect.
   */
  private static final List<Op> CRASHED_KEY = CrashedKeyHistory.generate(7004, 74, 26, 5, null);

  /**
   * A generous budget that does not depend on the machine: the clock moves one millisecond each
   * time the search reads it, so ten seconds are some forty million search steps.
   */
  private static LinearizabilityChecker checker(int parallelism) {
    return checker(parallelism, SearchOrder.ALTERNATE);
  }

  private static LinearizabilityChecker checker(int parallelism, SearchOrder order) {
    AtomicLong now = new AtomicLong();
    return LinearizabilityChecker.builder().model(Models.byName("cas-register"))
        .clock(() -> now.addAndGet(1_000_000L)).timeLimit(Duration.ofSeconds(10))
        .parallelism(parallelism).searchOrder(order).build();
  }

  @Test
  void theCrashedKeyIsLinearizable() {
    assertThat(CRASHED_KEY.stream().filter(o -> o.type() == OpType.INFO).count()).isEqualTo(74);
    CheckResult r = checker(1).check(CRASHED_KEY);
    assertThat(r.verdict()).as("%s", r.details()).isEqualTo(Verdict.VALID);
    assertThat(r.details().get("set-aside-operations")).isEqualTo(74);
  }

  @Test
  void theCrashedKeyAmongManyKeysOnTwoThreadsIsLinearizable() {
    List<Op> many = new ArrayList<>(RandomHistoryGenerator.generate(
        new RandomHistoryGenerator.Config(93, 97, 5, 3000, 0.3, true, 0.0)));
    for (Op op : CRASHED_KEY) {
      many.add(new Op(many.size(), op.time(), op.process() + 100_000, op.type(), op.f(), 999L,
          op.value(), null, op.error()));
    }
    CheckResult r = checker(2).check(many);
    assertThat(r.verdict()).as("%s", r.details()).isEqualTo(Verdict.VALID);
    assertThat(r.details().get("linearizable-partitions")).isEqualTo(98);
  }

  @Test
  void aFinalReadOfAValueNoOperationWritesIsNotLinearizable() {
    List<Op> h = CrashedKeyHistory.generate(7004, 74, 26, 5, 7L);
    CheckResult r = checker(1).check(h);
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    Map<?, ?> failure = (Map<?, ?>) r.details().get("failure");
    Map<?, ?> blocked = (Map<?, ?>) failure.get("operation");
    assertThat(blocked.get("text")).isEqualTo("p" + h.get(h.size() - 1).process() + " read -> 7");
    assertThat(blocked.get("line")).isEqualTo(h.size() - 1); // the read's invocation, 1-based
    assertThat(failure.get("prefix-length")).isEqualTo(0);
    assertThat(failure.get("state")).isEqualTo("nil");
    assertThat(failure.get("set-aside")).isEqualTo(74);
    assertThat((String) failure.get("explanation")).contains("74 operations with no observable effect were set aside");
  }

  /**
   * Reads of 1 and then of nil: once a write took effect the register never holds nil again, so
   * no order of the crashed operations explains both. The crashed writers of 1 (and what they
   * depend on) can be observed, so the search has to try them.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(SearchOrder.class)
  void readsThatNeedAnImpossibleOrderAreNotLinearizable(SearchOrder order) throws Exception {
    List<Op> h = new ArrayList<>(CrashedKeyHistory.generate(7004, 74, 26, 5, 1L));
    int reader = h.get(h.size() - 1).process() + 1;
    h.add(Op.invoke(h.size(), h.size(), reader, "read", null));
    h.add(Op.complete(h.size(), h.size(), reader, OpType.OK, "read", null));
    CheckResult r = checker(1, order).check(h);
    assertThat(r.verdict()).as("%s", r.details()).isEqualTo(Verdict.INVALID);
    Map<?, ?> failure = (Map<?, ?>) r.details().get("failure");
    assertThat(((Map<?, ?>) failure.get("operation")).get("text")).isEqualTo("p" + reader + " read -> null");
    assertThat((Integer) failure.get("set-aside")).isLessThan(74);
    assertPrefixHoldsNoSetAsideOperation(h, failure);
  }

  /** Without the read of nil the same history is linearizable: the search finds the writes. */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(SearchOrder.class)
  void aReadOfAValueACrashedOperationWroteIsLinearizable(SearchOrder order) {
    CheckResult r = checker(1, order).check(CrashedKeyHistory.generate(7004, 74, 26, 5, 1L));
    assertThat(r.verdict()).as("%s", r.details()).isEqualTo(Verdict.VALID);
  }

  /**
   * The search (reductions, ordering, dominance and all) agrees with a plain memoised search on
   * crash-heavy histories too long for the brute force.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"register", "cas-register", "cas-register-nil-any", "etcd", "mutex", "set",
      "fifo-queue", "queue", "kv", "multi-register"})
  void agreesWithAPlainSearchOnLongerCrashHeavyHistories(String name) throws Exception {
    Model<?, ?> model = SearchAgreesWithBruteForceTest.model(name);
    SplittableRandom rnd = new SplittableRandom(name.hashCode() * 31L);
    int[] verdicts = new int[2];
    for (int h = 0; h < 300; h++) {
      List<Op> history = SearchAgreesWithBruteForceTest.randomHistory(name, rnd,
          new SearchAgreesWithBruteForceTest.Shape(16, 6, 17));
      verdicts[agree(model, "history " + h + " of " + name, history) ? 1 : 0]++;
    }
    assertThat(verdicts[0]).as("invalid").isPositive();
    assertThat(verdicts[1]).as("valid").isPositive();
  }

  @Test
  void agreesWithAPlainSearchOnGeneratedCrashHeavyHistories() throws Exception {
    Model<?, ?> model = Models.byName("cas-register");
    int[] verdicts = new int[2];
    for (long seed = 0; seed < 400; seed++) {
      List<Op> history = RandomHistoryGenerator.generate(RandomHistoryGenerator.Config.crashHeavy(
          seed, 1, 3, 10 + (int) (seed % 15), 0.5, seed % 2 == 0 ? 0.0 : 0.8));
      verdicts[agree(model, "seed " + seed, history) ? 1 : 0]++;
    }
    assertThat(verdicts[0]).as("invalid").isGreaterThan(40);
    assertThat(verdicts[1]).as("valid").isGreaterThan(40);
  }

  private static boolean agree(Model<?, ?> model, String what, List<Op> history) throws Exception {
    List<Operation> ops = Pairing.pair(History.of(what, history));
    boolean expected = ReferenceSearch.linearizable(model, ops);
    for (SearchOrder order : SearchOrder.values()) {
      CheckResult r = LinearizabilityChecker.builder().model(model).parallelism(1).searchOrder(order)
          .build().check(history);
      assertThat(r.verdict()).as("%s, %s: %s", what, order, history).isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
    }
    return expected;
  }

  /**
   * The evidence names only operations the search kept: nothing the model set aside is listed as
   * linearised or as a candidate, and each listed operation carries its own line.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void assertPrefixHoldsNoSetAsideOperation(List<Op> history, Map<?, ?> failure) throws Exception {
    List<Operation> ops = Pairing.pair(History.of("h", history));
    Model model = Models.byName("cas-register");
    List<Object> inputs = new ArrayList<>();
    boolean[] known = new boolean[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      inputs.add(model.prepare(ops.get(i)));
      known[i] = ops.get(i).known();
    }
    boolean[] aside = ((io.faultline.checker.model.Reduction) model).removable(inputs, known);
    List<Object> listed = new ArrayList<>((List<?>) failure.get("prefix-tail"));
    listed.addAll((List<?>) failure.get("candidates"));
    for (Object o : (List<?>) failure.get("region")) {
      if (!"other".equals(((Map<?, ?>) o).get("role"))) {
        listed.add(o);
      }
    }
    assertThat(listed).isNotEmpty();
    for (Object o : listed) {
      Map<?, ?> m = (Map<?, ?>) o;
      long call = ((Number) m.get("invoke-position")).longValue();
      int i = 0;
      while (ops.get(i).call() != call) {
        i++;
      }
      assertThat(aside[i]).as("set aside yet listed: %s", m).isFalse();
      assertThat(m.get("line")).isEqualTo(ops.get(i).line());
    }
  }
}
