package io.faultline.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.generator.Gen;
import io.faultline.generator.Invocation;
import io.faultline.generator.Step;
import io.faultline.generator.Worker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegisterOpsTest {

  private static List<Invocation> ops(Gen gen, Worker worker, int n) {
    Gen.Cursor cursor = gen.open(worker);
    List<Invocation> out = new ArrayList<>();
    while (out.size() < n) {
      if (cursor.next(0) instanceof Step.Emit e) {
        out.add(e.invocation());
      }
    }
    return out;
  }

  /** The value an operation writes: a write's value, a cas's new value; null for a read. */
  private static Object written(Invocation op) {
    return switch (op.f()) {
      case "write" -> op.value();
      case "cas" -> ((List<?>) op.value()).get(1);
      default -> null;
    };
  }

  @Test
  void uniqueValuesNeverRepeatAcrossWorkersAndCasExpectsTheWorkersOwnLastWrite() {
    Gen gen = RegisterOps.of(true, ValueMode.UNIQUE);
    Set<Object> seen = new HashSet<>();
    int cas = 0;
    for (int w = 0; w < 5; w++) {
      Object last = null;
      for (Invocation op : ops(gen, new Worker(w, 5, 42), 300)) {
        if (op.f().equals("cas")) {
          cas++;
          assertThat(((List<?>) op.value()).get(0)).isEqualTo(last);
        }
        Object value = written(op);
        if (value != null) {
          assertThat(seen.add(value)).as("value %s written once", value).isTrue();
          assertThat((Long) value).isGreaterThanOrEqualTo(RegisterOps.SMALL_VALUES);
          last = value;
        }
      }
    }
    assertThat(cas).isGreaterThan(300);
  }

  @Test
  void smallValuesStayBelowFiveAndTheSameSeedRepeats() {
    Gen gen = RegisterOps.of(true, ValueMode.SMALL);
    List<Invocation> a = ops(gen, new Worker(1, 3, 7), 200);
    assertThat(a).isEqualTo(ops(gen, new Worker(1, 3, 7), 200));
    for (Invocation op : a) {
      Object value = written(op);
      if (value != null) {
        assertThat((Long) value).isBetween(0L, 4L);
      }
    }
    assertThat(ops(RegisterOps.of(true, ValueMode.UNIQUE), new Worker(1, 3, 7), 200))
        .isEqualTo(ops(RegisterOps.of(true, ValueMode.UNIQUE), new Worker(1, 3, 7), 200));
  }
}
