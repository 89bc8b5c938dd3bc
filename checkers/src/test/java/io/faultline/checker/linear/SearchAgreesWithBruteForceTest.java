package io.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The search agrees with {@link BruteForce} on thousands of small seeded random histories with
 * ok, fail and info completions, for every model. Results are random, so both verdicts occur.
 */
class SearchAgreesWithBruteForceTest {
  private static final int HISTORIES = 1000;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"register", "cas-register", "cas-register-nil-any", "etcd", "mutex", "set",
      "fifo-queue", "queue", "kv", "multi-register"})
  void agrees(String name) throws Exception {
    Model<?, ?> model = switch (name) {
      case "cas-register-nil-any" -> Models.create("cas-register", 0L, ReadNil.ANY);
      case "multi-register" -> Models.create("multi-register", Map.of("x", 0L), ReadNil.ANY);
      default -> Models.byName(name);
    };
    SplittableRandom rnd = new SplittableRandom(name.hashCode());
    int valid = 0;
    int invalid = 0;
    for (int h = 0; h < HISTORIES; h++) {
      List<Op> history = randomHistory(name, rnd);
      List<Operation> ops = Pairing.pair(History.of("h" + h, history));
      boolean expected = BruteForce.linearizable(model, ops);
      CheckResult result = LinearizabilityChecker.builder().model(model).parallelism(1)
          .timeLimit(Duration.ofSeconds(10)).build().check(history);
      Verdict got = result.verdict();
      if (got == Verdict.INVALID) {
        assertEvidenceIsALinearizablePrefix(model, ops, (Map<?, ?>) result.details().get("failure"));
      }
      assertThat(got).as("history %d of %s: %s", h, name, history)
          .isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
      if (expected) {
        valid++;
      } else {
        invalid++;
      }
    }
    assertThat(valid).as("valid histories generated").isGreaterThan(HISTORIES / 20);
    assertThat(invalid).as("invalid histories generated").isGreaterThan(HISTORIES / 20);
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
    int total = 1 + rnd.nextInt(7);
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
        OpType type = dice < 14 ? OpType.OK : dice < 17 ? OpType.INFO : OpType.FAIL;
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
