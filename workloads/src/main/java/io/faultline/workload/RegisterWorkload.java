package io.faultline.workload;

import io.faultline.checker.Checker;
import io.faultline.generator.Gen;
import io.faultline.generator.Gens;
import io.faultline.generator.KeyLedger;
import io.faultline.workload.check.StatsChecker;
import java.util.List;

/**
 * One register under key {@code "r"}, read and written (and compare-and-set) by every worker. The
 * whole history is one linearizability problem, so keep runs short or rates low.
 */
public final class RegisterWorkload implements Workload {
  public static final String KEY = "r";

  @Override
  public String name() {
    return "register";
  }

  @Override
  public ClientKind clientKind() {
    return ClientKind.REGISTER;
  }

  @Override
  public Gen operations(WorkloadOptions options) {
    Gen ops = RegisterOps.of(true, options.values());
    return worker -> {
      Gen.Cursor inner = ops.open(worker);
      return now -> {
        var step = inner.next(now);
        return step instanceof io.faultline.generator.Step.Emit e
            ? new io.faultline.generator.Step.Emit(e.invocation().withKey(KEY))
            : step;
      };
    };
  }

  @Override
  public Gen finalOperations(WorkloadOptions options) {
    KeyLedger theKey = new KeyLedger();
    theKey.record(KEY);
    return Gens.eachKeyOnce(theKey, "read"); // one read by worker 0: lost acknowledged writes show

  }

  @Override
  public List<Checker> checkers() {
    return List.of(Linearizable.checker("cas-register"), new StatsChecker());
  }
}
