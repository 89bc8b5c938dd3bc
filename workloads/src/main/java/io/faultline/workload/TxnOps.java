package io.faultline.workload;

import io.faultline.generator.Gen;
import io.faultline.generator.Invocation;
import io.faultline.generator.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random transactions of 1–4 micro-ops over keys {@code x0..x<n-1>}. Written values are unique in
 * the whole test (worker {@code w} uses {@code w + c·i}), which is what makes reads traceable to the
 * write or append that produced them.
 */
final class TxnOps {
  private TxnOps() {}

  static Gen transactions(int keyCount, String writeF) {
    return worker -> {
      SplittableRandom random = worker.random("txn");
      long[] counter = {0};
      return now -> {
        int size = 1 + random.nextInt(4);
        List<Object> ops = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          String key = "x" + random.nextInt(keyCount);
          if (random.nextBoolean()) {
            ops.add(microOp("r", key, null));
          } else {
            long value = worker.index() + (long) worker.concurrency() * counter[0]++;
            ops.add(microOp(writeF, key, value));
          }
        }
        return new Step.Emit(new Invocation("txn", null, ops));
      };
    };
  }

  /** One transaction reading every key, for the final phase. */
  static Invocation readAll(int keyCount) {
    List<Object> ops = new ArrayList<>(keyCount);
    for (int k = 0; k < keyCount; k++) {
      ops.add(microOp("r", "x" + k, null));
    }
    return new Invocation("txn", null, ops);
  }

  static List<Object> microOp(String f, String key, Object value) {
    List<Object> m = new ArrayList<>(3);
    m.add(f);
    m.add(key);
    m.add(value);
    return m;
  }
}
