package io.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.gen.RandomHistoryGenerator;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.Operation;
import io.faultline.checker.model.Model;
import io.faultline.checker.model.Models;
import io.faultline.checker.model.Reduction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A shared time budget must not let one hard part starve the others, and a part never searched
 * must say so. Time is made deterministic: the injected clock moves only when the model steps an
 * operation of the hard part, so the easy parts cost no time at all and the outcome depends on
 * the search alone, not on the machine (on two threads, see the test that says how).
 */
class PartSchedulingTest {
  private static final long HARD_KEY = -1L;
  private static final long BIG_KEY = -2L;

  /** 10 keys of 6,000 operations: easy, but each reads the clock (it takes over 4,096 steps). */
  private static List<Op> easyKeys() {
    return RandomHistoryGenerator.generate(new RandomHistoryGenerator.Config(5, 10, 3, 60_000, 0.02, true, 0.0));
  }

  /** One key, 20 clients, 5 % crashed: millions of steps. */
  private static List<Op> hardKey() {
    return RandomHistoryGenerator.generate(new RandomHistoryGenerator.Config(7, 1, 20, 20_000, 0.05, true, 0.0));
  }

  /** One key with more operations than the hard one, but easy: two clients, no crashes. */
  private static List<Op> bigEasyKey() {
    return RandomHistoryGenerator.generate(new RandomHistoryGenerator.Config(9, 1, 2, 30_000, 0.0, true, 0.0));
  }

  private static List<Op> mixed(List<Op> easy, boolean withBigKey) {
    List<Op> all = new ArrayList<>(easy);
    append(all, hardKey(), HARD_KEY, 1_000_000);
    if (withBigKey) {
      append(all, bigEasyKey(), BIG_KEY, 2_000_000);
    }
    return all;
  }

  private static void append(List<Op> all, List<Op> part, long key, int processOffset) {
    for (Op op : part) {
      all.add(new Op(all.size(), op.time(), op.process() + processOffset, op.type(), op.f(), key,
          op.value(), null, op.error()));
    }
  }

  /**
   * The hard part gets its first-pass share, is set aside while every easy part is proven, and
   * then has the rest of the budget, which is not enough. Before, parts ran largest first: the
   * hard part used the whole budget and every easy part found it gone at its first poll.
   */
  @Test
  void easyPartsAreProvenAlthoughAHardPartUsesUpTheBudget() {
    AtomicLong now = new AtomicLong();
    // 100 s of budget; a step of the hard part costs 1 ms: it gets about 100,000 steps in all.
    CheckResult r = LinearizabilityChecker.builder()
        .model(new ClockedModel(Models.byName("cas-register"), HARD_KEY, now, 1_000_000L))
        .clock(now::get).timeLimit(Duration.ofSeconds(100)).parallelism(1).build()
        .check(mixed(easyKeys(), true));
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.details().get("linearizable-partitions")).as("%s", r.details()).isEqualTo(11);
    assertHardPartSearchedAndUndecided(r);
  }

  /**
   * The same on two threads, with keys small enough never to read the clock (under 4,096 steps),
   * so that the hard part's time cannot reach them whichever thread runs what when.
   */
  @Test
  void onTwoThreadsTooEveryEasyPartIsProven() {
    AtomicLong now = new AtomicLong();
    List<Op> tiny = RandomHistoryGenerator.generate(new RandomHistoryGenerator.Config(6, 50, 3, 1000, 0.1, true, 0.0));
    CheckResult r = LinearizabilityChecker.builder()
        .model(new ClockedModel(Models.byName("cas-register"), HARD_KEY, now, 1_000_000L))
        .clock(now::get).timeLimit(Duration.ofSeconds(100)).parallelism(2).build()
        .check(mixed(tiny, false));
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.details().get("linearizable-partitions")).as("%s", r.details()).isEqualTo(50);
    assertHardPartSearchedAndUndecided(r);
  }

  private static void assertHardPartSearchedAndUndecided(CheckResult r) {
    assertThat(r.details().get("undecided-partitions")).isEqualTo(1);
    assertThat(r.details().get("not-searched-partitions")).isEqualTo(0);
    Map<?, ?> hard = undecided(r).get(HARD_KEY);
    assertThat(hard.get("searched")).isEqualTo(true);
    assertThat(hard.get("reason")).isEqualTo("time budget exhausted");
    assertThat((Integer) hard.get("furthest-linearized")).isPositive();
    assertThat((Integer) hard.get("furthest-completed-linearized"))
        .isLessThan((Integer) hard.get("completed-operations"));
  }

  /**
   * The hard part's first 4,096 steps alone overrun the whole budget (each costs more than a
   * thousandth of it), so the part after it in the first pass is never started, and says so
   * rather than reporting how far a search got.
   */
  @Test
  void aPartNeverStartedIsReportedAsNotSearched() {
    AtomicLong now = new AtomicLong();
    CheckResult r = LinearizabilityChecker.builder()
        .model(new ClockedModel(Models.byName("cas-register"), HARD_KEY, now, 100_000_000L))
        .clock(now::get).timeLimit(Duration.ofSeconds(100)).parallelism(1).build()
        .check(mixed(easyKeys(), true));
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.details().get("linearizable-partitions")).as("%s", r.details()).isEqualTo(10);
    assertThat(r.details().get("not-searched-partitions")).isEqualTo(1);
    Map<Object, Map<?, ?>> undecided = undecided(r);
    assertThat(undecided.get(HARD_KEY).get("searched")).isEqualTo(true);
    Map<?, ?> big = undecided.get(BIG_KEY);
    assertThat(big.get("searched")).isEqualTo(false);
    assertThat(big.get("reason")).isEqualTo("not searched: the time budget ran out before this part was started");
    assertThat(big.containsKey("furthest-linearized")).isFalse();
  }

  private static Map<Object, Map<?, ?>> undecided(CheckResult r) {
    return ((List<?>) r.details().get("undecided")).stream().map(o -> (Map<?, ?>) o)
        .collect(Collectors.toMap(m -> m.get("key"), m -> m));
  }

  /**
   * The cas-register, except that stepping an operation of {@code hotKey} moves the clock on by
   * {@code nanosPerStep}. Inputs carry whether they are hot; the model's reductions are kept.
   */
  private static final class ClockedModel implements Model<Object, ClockedModel.In>, Reduction<ClockedModel.In> {
    record In(Object inner, boolean hot) {}

    private final Model<Object, Object> inner;
    private final Reduction<Object> reduction;
    private final Object hotKey;
    private final AtomicLong clock;
    private final long nanosPerStep;

    @SuppressWarnings("unchecked")
    ClockedModel(Model<?, ?> inner, Object hotKey, AtomicLong clock, long nanosPerStep) {
      this.inner = (Model<Object, Object>) inner;
      this.reduction = inner instanceof Reduction<?> r ? (Reduction<Object>) r : null;
      this.hotKey = hotKey;
      this.clock = clock;
      this.nanosPerStep = nanosPerStep;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Object init() {
      return inner.init();
    }

    @Override
    public In prepare(Operation op) {
      return new In(inner.prepare(op), hotKey.equals(op.key()));
    }

    @Override
    public Object step(Object state, In in) {
      if (in.hot) {
        clock.addAndGet(nanosPerStep);
      }
      return inner.step(state, in.inner);
    }

    @Override
    public boolean[] removable(List<In> inputs, boolean[] known) {
      return reduction == null ? new boolean[inputs.size()]
          : reduction.removable(inputs.stream().map(In::inner).toList(), known);
    }

    @Override
    public boolean readOnly(In in) {
      return reduction != null && reduction.readOnly(in.inner);
    }
  }
}
