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
import io.faultline.checker.model.ReadNil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The search agrees with {@link BruteForce} on thousands of small seeded random histories with
 * ok, fail and info completions, for every model; and again on crash-heavy ones (most
 * operations crashed), where the search's reductions and pruning of crashed operations do the
 * most. Results are random, so both verdicts occur.
 */
class SearchAgreesWithBruteForceTest {
  private static final int HISTORIES = 1000;

  /** Completions: ok 70 %, info 15 %, fail 15 %; up to 7 operations. */
  private static final Shape MIXED = new Shape(7, 14, 17);
  /** Completions: ok 30 %, info 55 %, fail 15 %; up to 9 operations. */
  private static final Shape CRASH_HEAVY = new Shape(9, 6, 17);

  /**
   * @param maxOps operations per history, at most
   * @param okBelow a completion is ok when a d20 roll is below this
   * @param infoBelow else info when below this, else fail
   */
  record Shape(int maxOps, int okBelow, int infoBelow) {}

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"register", "cas-register", "cas-register-nil-any", "etcd", "mutex", "set",
      "fifo-queue", "queue", "kv", "multi-register"})
  void agrees(String name) throws Exception {
    agreeOn(name, MIXED, name.hashCode());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"register", "cas-register", "cas-register-nil-any", "etcd", "mutex", "set",
      "fifo-queue", "queue", "kv", "multi-register"})
  void agreesOnCrashHeavyHistories(String name) throws Exception {
    agreeOn(name, CRASH_HEAVY, ~name.hashCode());
  }

  /** Generated crash-heavy cas-register histories (small values, mostly CAS), some with stale reads. */
  @Test
  void agreesOnGeneratedCrashHeavyCasRegisterHistories() throws Exception {
    Model<?, ?> model = Models.byName("cas-register");
    int[] verdicts = new int[2];
    for (long seed = 0; seed < 2 * HISTORIES; seed++) {
      List<Op> history = RandomHistoryGenerator.generate(RandomHistoryGenerator.Config.crashHeavy(
          seed, 1, 3, 3 + (int) (seed % 7), 0.6, seed % 2 == 0 ? 0.0 : 0.5));
      verdicts[agreeOnOne(model, "generated seed " + seed, history) ? 1 : 0]++;
    }
    assertThat(verdicts[1]).as("valid histories generated").isGreaterThan(HISTORIES / 10);
    assertThat(verdicts[0]).as("invalid histories generated").isGreaterThan(HISTORIES / 10);
  }

  /** Small versions of the crashed key: crashed writes and CAS, fails, one final ok read. */
  @Test
  void agreesOnCrashedKeys() throws Exception {
    Model<?, ?> model = Models.byName("cas-register");
    int[] verdicts = new int[2];
    for (long seed = 0; seed < HISTORIES; seed++) {
      Object finalRead = seed % 4 == 0 ? null : (Object) (seed % 5);
      List<Op> history = CrashedKeyHistory.generate(seed, 3 + (int) (seed % 5), (int) (seed % 3), 3, finalRead);
      verdicts[agreeOnOne(model, "crashed key seed " + seed, history) ? 1 : 0]++;
    }
    assertThat(verdicts[1]).as("valid histories generated").isGreaterThan(HISTORIES / 10);
    assertThat(verdicts[0]).as("invalid histories generated").isGreaterThan(HISTORIES / 10);
  }

  private static void agreeOn(String name, Shape shape, long seed) throws Exception {
    Model<?, ?> model = model(name);
    SplittableRandom rnd = new SplittableRandom(seed);
    int valid = 0;
    int invalid = 0;
    for (int h = 0; h < HISTORIES; h++) {
      List<Op> history = randomHistory(name, rnd, shape);
      if (agreeOnOne(model, "history " + h + " of " + name, history)) {
        valid++;
      } else {
        invalid++;
      }
    }
    assertThat(valid).as("valid histories generated").isGreaterThan(HISTORIES / 20);
    assertThat(invalid).as("invalid histories generated").isGreaterThan(HISTORIES / 20);
  }

  static Model<?, ?> model(String name) {
    return switch (name) {
      case "cas-register-nil-any" -> Models.create("cas-register", 0L, ReadNil.ANY);
      case "multi-register" -> Models.create("multi-register", Map.of("x", 0L), ReadNil.ANY);
      default -> Models.byName(name);
    };
  }

  /**
   * Checks one history by brute force and by the search in each order (the two orders taking
   * turns, as checks do, and each alone, since most small histories are decided by the first
   * order's first slice); asserts they agree and returns the verdict (true = valid).
   */
  private static boolean agreeOnOne(Model<?, ?> model, String what, List<Op> history) throws Exception {
    List<Operation> ops = Pairing.pair(History.of(what, history));
    boolean expected = BruteForce.linearizable(model, ops);
    for (SearchOrder order : SearchOrder.values()) {
      CheckResult result = LinearizabilityChecker.builder().model(model).parallelism(1)
          .timeLimit(Duration.ofSeconds(10)).searchOrder(order).build().check(history);
      Verdict got = result.verdict();
      if (got == Verdict.INVALID) {
        assertEvidenceIsALinearizablePrefix(model, ops, (Map<?, ?>) result.details().get("failure"));
      }
      assertThat(got).as("%s, %s: %s", what, order, history).isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
    }
    return expected;
  }

  /** The reported prefix replays legally, in real-time order, to the reported state. */
  @SuppressWarnings("unchecked")
  private static <S, I> void assertEvidenceIsALinearizablePrefix(Model<S, I> model, List<Operation> ops, Map<?, ?> failure) {
    List<Operation> prefix = new ArrayList<>();
    for (Object o : (List<?>) failure.get("prefix-tail")) {
      long call = ((Number) ((Map<?, ?>) o).get("invoke-position")).longValue();
      prefix.add(ops.stream().filter(op -> op.call() == call).findFirst().orElseThrow());
    }
    assertThat(prefix).hasSize((Integer) failure.get("prefix-length"));
    S state = model.init();
    for (int i = 0; i < prefix.size(); i++) {
      state = model.step(state, model.prepare(prefix.get(i)));
      assertThat(state).as("prefix step %d of %s", i, failure).isNotNull();
      for (int j = i + 1; j < prefix.size(); j++) {
        assertThat(prefix.get(j).ret()).as("real-time order in %s", failure).isGreaterThan(prefix.get(i).call());
      }
    }
    assertThat(model.describe(state)).isEqualTo(failure.get("state"));
  }

  /** Up to 7 operations by 3 concurrent processes; completions ok 70%, info 15%, fail 15%. */
  static List<Op> randomHistory(String model, SplittableRandom rnd) {
    return randomHistory(model, rnd, MIXED);
  }

  /** Operations by 3 concurrent processes, completions as {@code shape} says. */
  static List<Op> randomHistory(String model, SplittableRandom rnd, Shape shape) {
    int total = 1 + rnd.nextInt(shape.maxOps());
    int procs = 3;
    int[] process = {0, 1, 2};
    Object[][] open = new Object[procs][];
    int next = procs;
    int started = 0;
    List<Op> ops = new ArrayList<>();
    while (started < total || anyOpen(open)) {
      int p = rnd.nextInt(procs);
      if (open[p] == null) {
        if (started == total) {
          continue;
        }
        started++;
        Object[] op = randomOp(model, rnd); // {f, input, okOutput}
        open[p] = op;
        ops.add(Op.invoke(ops.size(), ops.size(), process[p], (String) op[0], op[1]));
      } else {
        int dice = rnd.nextInt(20);
        OpType type = dice < shape.okBelow() ? OpType.OK : dice < shape.infoBelow() ? OpType.INFO : OpType.FAIL;
        if (dice == 19 && started == total) {
          // leave it open: an invocation with no completion
          open[p] = null;
          continue;
        }
        Object value = type == OpType.OK ? open[p][2] : open[p][1];
        ops.add(Op.complete(ops.size(), ops.size(), process[p], type, (String) open[p][0], value));
        open[p] = null;
        if (type == OpType.INFO) {
          process[p] = next++;
        }
      }
    }
    return ops;
  }

  private static boolean anyOpen(Object[][] open) {
    for (Object[] o : open) {
      if (o != null) {
        return true;
      }
    }
    return false;
  }

  private static Object[] randomOp(String model, SplittableRandom r) {
    long v = r.nextInt(3);
    long w = r.nextInt(3);
    Object maybeNil = r.nextInt(4) == 0 ? null : (Object) v;
    return switch (model) {
      case "register" -> r.nextBoolean() ? new Object[] {"read", null, maybeNil} : new Object[] {"write", v, v};
      case "cas-register", "cas-register-nil-any", "etcd" -> switch (r.nextInt(3)) {
        case 0 -> new Object[] {"read", null, maybeNil};
        case 1 -> new Object[] {"write", v, v};
        default -> new Object[] {"cas", List.of(v, w),
            model.equals("etcd") && r.nextInt(3) == 0 ? Boolean.FALSE : List.of(v, w)};
      };
      case "mutex" -> new Object[] {r.nextBoolean() ? "acquire" : "release", null, null};
      case "set" -> r.nextBoolean() ? new Object[] {"add", v, v}
          : new Object[] {"read", null, r.nextBoolean() ? List.of(v) : r.nextBoolean() ? List.of() : List.of(v, (v + 1) % 3)};
      case "fifo-queue", "queue" -> r.nextBoolean() ? new Object[] {"enqueue", v, v}
          : new Object[] {"dequeue", null, maybeNil};
      case "kv" -> switch (r.nextInt(3)) {
        case 0 -> new Object[] {"get", null, List.of("", "a", "b", "ab", "ba").get(r.nextInt(5))};
        case 1 -> new Object[] {"put", v == 0 ? "a" : "b", v == 0 ? "a" : "b"};
        default -> new Object[] {"append", w == 0 ? "a" : "b", w == 0 ? "a" : "b"};
      };
      case "multi-register" -> r.nextBoolean()
          ? new Object[] {"txn", List.of(java.util.Arrays.asList("r", "x", null), List.of("w", "y", w)),
              List.of(java.util.Arrays.asList("r", "x", maybeNil), List.of("w", "y", w))}
          : new Object[] {"txn", List.of(List.of("w", "x", v), java.util.Arrays.asList("r", "y", null)),
              List.of(List.of("w", "x", v), java.util.Arrays.asList("r", "y", r.nextBoolean() ? null : (Object) w))};
      default -> throw new IllegalArgumentException(model);
    };
  }
}
