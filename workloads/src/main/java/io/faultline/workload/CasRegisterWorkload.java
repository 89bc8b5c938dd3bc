package io.faultline.workload;

import io.faultline.checker.Checker;
import io.faultline.generator.Gen;
import io.faultline.generator.Gens;
import io.faultline.workload.check.StatsChecker;
import java.util.List;

/**
 * Jepsen's linearizable-register test over many independent keys: reads, writes and
 * compare-and-set (values per {@link ValueMode}: unique by default), groups of workers per key, keys
 * retired after a number of operations to keep each key's linearizability search small. After the
 * faults are healed, a final read of every key: a crash that lost an acknowledged write then shows
 * even on a key that was retired while the cluster was down.
 */
public final class CasRegisterWorkload implements Workload {
  @Override
  public String name() {
    return "cas-register";
  }

  @Override
  public ClientKind clientKind() {
    return ClientKind.REGISTER;
  }

  @Override
  public Gen operations(WorkloadOptions options) {
    return Gens.perKey(options.keyGroupSize(), options.opsPerKey(), RegisterOps.of(true, options.values()),
        options.keysTouched());
  }

  @Override
  public Gen finalOperations(WorkloadOptions options) {
    return Gens.eachKeyOnce(options.keysTouched(), "read");
  }

  @Override
  public List<Checker> checkers() {
    return List.of(Linearizable.checker("cas-register"), new StatsChecker());
  }
}
