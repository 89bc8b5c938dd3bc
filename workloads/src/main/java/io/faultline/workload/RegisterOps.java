package io.faultline.workload;

import io.faultline.generator.Gen;
import io.faultline.generator.Gens;
import io.faultline.generator.Invocation;
import io.faultline.generator.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;

/** The operations of the register workloads: read, write and (optionally) cas, in equal shares. */
final class RegisterOps {
  static final int SMALL_VALUES = 5;

  private RegisterOps() {}

  static Gen of(boolean withCas, ValueMode values) {
    return values == ValueMode.SMALL ? small(withCas) : unique(withCas);
  }

  /** Values in {@code [0, 5)}. */
  private static Gen small(boolean withCas) {
    Gen read = Gens.repeat(r -> new Invocation("read", null, null));
    Gen write = Gens.repeat(r -> new Invocation("write", null, (long) r.nextInt(SMALL_VALUES)));
    if (!withCas) {
      return Gens.mix(read, write);
    }
    Gen cas = Gens.repeat(r -> new Invocation("cas", null,
        new ArrayList<Object>(Arrays.asList((long) r.nextInt(SMALL_VALUES), (long) r.nextInt(SMALL_VALUES)))));
    return Gens.mix(read, write, cas);
  }

  /**
   * Worker {@code w} of {@code c} writes {@code 5 + w + c·n} for n = 0, 1, ...: no two writes of a
   * run share a value, and none is 0–4 or null. A cas expects the worker's own last written value
   * (the register still holds it unless someone wrote since) and writes a fresh one.
   */
  private static Gen unique(boolean withCas) {
    return worker -> {
      SplittableRandom random = worker.random("register-ops");
      long[] next = {SMALL_VALUES + (long) worker.index()};
      Long[] lastWritten = {null};
      int kinds = withCas ? 3 : 2;
      return now -> {
        int kind = random.nextInt(kinds);
        if (kind == 0) {
          return new Step.Emit(new Invocation("read", null, null));
        }
        long value = next[0];
        next[0] += worker.concurrency();
        Long expected = lastWritten[0];
        lastWritten[0] = value;
        if (kind == 1 || expected == null) {
          return new Step.Emit(new Invocation("write", null, value));
        }
        return new Step.Emit(new Invocation("cas", null, new ArrayList<Object>(Arrays.asList(expected, value))));
      };
    };
  }
}
