package io.faultline.checker.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The list-append checker against a brute-force reference on many small random histories. All
 * transactions overlap and commit, and a final observer reads every key, so each key's full
 * version order is known: then the history is serializable iff some permutation of the
 * transactions, replayed one by one, reproduces every read, and the checker must agree exactly.
 */
class BruteForceReferenceTest {
  private static final String[] KEYS = {"x", "y", "z"};

  @Test
  void checkerAgreesWithBruteForceOnSmallRandomHistories() {
    ListAppendChecker checker = new ListAppendChecker(ConsistencyModel.SERIALIZABLE,
        Budget.of(Duration.ofSeconds(30), 1L << 30), () -> 0L);
    int serializable = 0;
    int notSerializable = 0;
    for (long seed = 0; seed < 400; seed++) {
      List<List<MicroOp>> txns = randomTxns(new Random(seed));
      boolean reference = bruteForceSerializable(txns);
      CheckResult result = checker.check(toHistory(txns));
      assertThat(result.verdict()).as("seed %d: %s -> %s", seed, txns, result.details())
          .isEqualTo(reference ? Verdict.VALID : Verdict.INVALID);
      if (reference) {
        serializable++;
      } else {
        notSerializable++;
      }
    }
    // Both outcomes must be well represented, or the comparison proves little.
    assertThat(serializable).isGreaterThan(50);
    assertThat(notSerializable).isGreaterThan(50);
  }

  /**
   * Registers reveal less order, so the rw-register checker is only sound, not complete: when it
   * says a history is not serializable, no serial order may exist.
   */
  @Test
  void rwRegisterCheckerIsSoundAgainstBruteForce() {
    RwRegisterChecker checker = new RwRegisterChecker(ConsistencyModel.SERIALIZABLE,
        Budget.of(Duration.ofSeconds(30), 1L << 30), () -> 0L);
    int caught = 0;
    int missed = 0;
    for (long seed = 0; seed < 400; seed++) {
      List<List<MicroOp>> txns = randomRegisterTxns(new Random(seed));
      boolean reference = bruteForceSerializable(txns);
      CheckResult result = checker.check(toHistory(txns));
      if (result.verdict() == Verdict.INVALID) {
        assertThat(reference).as("seed %d: %s -> %s", seed, txns, result.details()).isFalse();
        caught++;
      } else if (!reference) {
        missed++;
      }
    }
    assertThat(caught).isGreaterThan(50);
    assertThat(missed).isLessThan(caught);
  }

  private static List<List<MicroOp>> randomRegisterTxns(Random random) {
    int count = 2 + random.nextInt(4);
    Map<String, Object> state = new HashMap<>();
    Map<String, List<Object>> written = new HashMap<>();
    Map<String, Long> next = new HashMap<>();
    List<List<MicroOp>> txns = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      List<MicroOp> ops = new ArrayList<>();
      int size = 1 + random.nextInt(3);
      for (int i = 0; i < size; i++) {
        String key = KEYS[random.nextInt(2)];
        if (random.nextBoolean()) {
          long value = next.merge(key, 1L, Long::sum);
          state.put(key, value);
          written.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
          ops.add(MicroOp.write(key, value));
        } else {
          ops.add(MicroOp.read(key, state.get(key)));
        }
      }
      txns.add(ops);
    }
    for (List<MicroOp> ops : txns) {
      for (int i = 0; i < ops.size(); i++) {
        MicroOp op = ops.get(i);
        List<Object> values = written.getOrDefault((String) op.key(), List.of());
        if (op.isRead() && random.nextInt(3) == 0) {
          int pick = random.nextInt(values.size() + 1);
          ops.set(i, MicroOp.read(op.key(), pick == values.size() ? null : values.get(pick)));
        }
      }
    }
    return txns;
  }

  /** A serial run of random txns; then some reads are replaced by other prefixes. */
  private static List<List<MicroOp>> randomTxns(Random random) {
    int count = 2 + random.nextInt(4);
    Map<String, List<Object>> state = new HashMap<>();
    Map<String, Long> next = new HashMap<>();
    List<List<MicroOp>> txns = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      List<MicroOp> ops = new ArrayList<>();
      int size = 1 + random.nextInt(3);
      for (int i = 0; i < size; i++) {
        String key = KEYS[random.nextInt(2 + (count > 3 ? 1 : 0))];
        List<Object> list = state.computeIfAbsent(key, k -> new ArrayList<>());
        if (random.nextBoolean()) {
          long value = next.merge(key, 1L, Long::sum);
          list.add(value);
          ops.add(MicroOp.append(key, value));
        } else {
          ops.add(MicroOp.read(key, List.copyOf(list)));
        }
      }
      txns.add(ops);
    }
    // Perturb: a read may return any prefix of the key's final list.
    for (List<MicroOp> ops : txns) {
      for (int i = 0; i < ops.size(); i++) {
        MicroOp op = ops.get(i);
        if (op.isRead() && random.nextInt(3) == 0) {
          List<Object> last = state.get((String) op.key());
          ops.set(i, MicroOp.read(op.key(),
              List.copyOf(last.subList(0, random.nextInt(last.size() + 1)))));
        }
      }
    }
    List<MicroOp> observer = new ArrayList<>();
    for (String key : KEYS) {
      observer.add(MicroOp.read(key, List.copyOf(state.getOrDefault(key, List.of()))));
    }
    txns.add(observer);
    return txns;
  }

  private static List<Op> toHistory(List<List<MicroOp>> txns) {
    List<Op> history = new ArrayList<>();
    for (int p = 0; p < txns.size(); p++) {
      List<Object> blank = new ArrayList<>();
      for (MicroOp op : txns.get(p)) {
        blank.add(op.isRead() ? MicroOp.read(op.key(), null).toJson() : op.toJson());
      }
      history.add(Op.invoke(history.size(), history.size(), p, "txn", blank));
    }
    for (int p = 0; p < txns.size(); p++) {
      history.add(Op.complete(history.size(), history.size(), p, OpType.OK, "txn",
          txns.get(p).stream().map(MicroOp::toJson).toList()));
    }
    return history;
  }

  private static boolean bruteForceSerializable(List<List<MicroOp>> txns) {
    int[] order = new int[txns.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    do {
      if (replays(txns, order)) {
        return true;
      }
    } while (nextPermutation(order));
    return false;
  }

  private static boolean replays(List<List<MicroOp>> txns, int[] order) {
    Map<Object, List<Object>> state = new HashMap<>();
    Map<Object, Object> registers = new HashMap<>();
    for (int t : order) {
      for (MicroOp op : txns.get(t)) {
        if (op.kind() == MicroOp.Kind.WRITE) {
          registers.put(op.key(), op.value());
          continue;
        }
        if (op.isRead() && !(op.value() instanceof List<?>)) {
          if (!java.util.Objects.equals(registers.get(op.key()), op.value())) {
            return false;
          }
          continue;
        }
        List<Object> list = state.computeIfAbsent(op.key(), k -> new ArrayList<>());
        if (op.isRead()) {
          if (!list.equals(op.value())) {
            return false;
          }
        } else {
          list.add(op.value());
        }
      }
    }
    return true;
  }

  private static boolean nextPermutation(int[] a) {
    int i = a.length - 2;
    while (i >= 0 && a[i] >= a[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = a.length - 1;
    while (a[j] <= a[i]) {
      j--;
    }
    int swap = a[i];
    a[i] = a[j];
    a[j] = swap;
    Arrays.sort(a, i + 1, a.length);
    return true;
  }
}
