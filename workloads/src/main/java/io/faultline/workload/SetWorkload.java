package io.faultline.workload;

import io.faultline.checker.Checker;
import io.faultline.generator.Gen;
import io.faultline.generator.Invocation;
import io.faultline.generator.Step;
import io.faultline.workload.check.SetChecker;
import io.faultline.workload.check.StatsChecker;
import java.util.List;

/**
 * Adds unique integers to one set (key {@code "s"}) during the test, then every worker reads the
 * whole set once after the faults are healed. Values are unique by arithmetic: worker {@code w}
 * adds {@code w, w + c, w + 2c, ...} for concurrency {@code c}.
 */
public final class SetWorkload implements Workload {
  public static final String KEY = "s";

  @Override
  public String name() {
    return "set";
  }

  @Override
  public ClientKind clientKind() {
    return ClientKind.SET;
  }

  @Override
  public Gen operations(WorkloadOptions options) {
    return worker -> {
      long[] next = {worker.index()};
      return now -> {
        long v = next[0];
        next[0] += worker.concurrency();
        return new Step.Emit(new Invocation("add", KEY, v));
      };
    };
  }

  @Override
  public Gen finalOperations(WorkloadOptions options) {
    return io.faultline.generator.Gens.once(new Invocation("read", KEY, null));
  }

  @Override
  public List<Checker> checkers() {
    return List.of(new SetChecker(), new StatsChecker());
  }
}
