package io.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.gen.RandomHistoryGenerator;
import io.faultline.checker.history.Op;
import io.faultline.checker.model.Models;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Out of budget means UNKNOWN with what was established, never an OutOfMemoryError. */
class BudgetTest {
  /** One key, 20 processes, many crashed writes: far too much search for the budgets below. */
  private static final List<Op> HARD = RandomHistoryGenerator.generate(
      new RandomHistoryGenerator.Config(7, 1, 20, 20_000, 0.05, true, 0.0));

  @Test
  void tinyMemoryBudgetAnswersUnknown() {
    CheckResult r = LinearizabilityChecker.builder().model(Models.byName("cas-register"))
        .memoryBudget(64 << 10).timeLimit(Duration.ofMinutes(5)).build().check(HARD);
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat((String) r.details().get("reason")).startsWith("memory budget exhausted");
    Map<?, ?> part = (Map<?, ?>) ((List<?>) r.details().get("undecided")).get(0);
    assertThat((Integer) part.get("furthest-linearized")).isPositive();
  }

  @Test
  void timeBudgetUsesTheInjectedClock() {
    AtomicLong now = new AtomicLong();
    // Every reading of the clock moves it on one second: a 3 s budget runs out at the first polls.
    CheckResult r = LinearizabilityChecker.builder().model(Models.byName("cas-register"))
        .clock(() -> now.addAndGet(1_000_000_000L)).timeLimit(Duration.ofSeconds(3)).build().check(HARD);
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.details().get("reason")).isEqualTo("time budget exhausted");
  }

  @Test
  void keysProvenBeforeTheBudgetRanOutAreReported() {
    // 50 easy keys and one hard one; single-threaded, largest part first: the hard key runs out.
    List<Op> easy = RandomHistoryGenerator.generate(new RandomHistoryGenerator.Config(3, 50, 3, 500, 0.0, true, 0.0));
    List<Op> mixed = new java.util.ArrayList<>(easy);
    for (Op op : HARD) {
      mixed.add(new Op(mixed.size(), op.time(), op.process() + 1000, op.type(), op.f(), -1L, op.value(), null, null));
    }
    CheckResult r = LinearizabilityChecker.builder().model(Models.byName("cas-register"))
        .memoryBudget(64 << 10).parallelism(1).build().check(mixed);
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.details().get("linearizable-partitions")).isEqualTo(50);
    assertThat(r.details().get("undecided-partitions")).isEqualTo(1);
  }
}
