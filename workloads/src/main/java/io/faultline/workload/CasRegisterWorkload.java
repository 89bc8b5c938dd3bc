package io.faultline.workload;

import io.faultline.checker.Checker;
import io.faultline.generator.Gen;
import io.faultline.generator.Gens;
import io.faultline.generator.Invocation;
import io.faultline.workload.check.StatsChecker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Jepsen's linearizable-register test over many independent keys: reads, writes and
 * compare-and-set with small integer values (so CAS often matches), groups of workers per key, keys
 * retired after a number of operations to keep each key's linearizability search small. After the
 * faults are healed, a final read of every key: a crash that lost an acknowledged write then shows
 * even on a key that was retired while the cluster was down.
 */
public final class CasRegisterWorkload implements Workload {
  static final int VALUES = 5;

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
    return Gens.perKey(options.keyGroupSize(), options.opsPerKey(), registerOps(true), options.keysTouched());
  }

  /** read / write / (optionally) cas with values in {@code [0, 5)}. */
  static Gen registerOps(boolean withCas) {
    Gen read = Gens.repeat(r -> new Invocation("read", null, null));
    Gen write = Gens.repeat(r -> new Invocation("write", null, (long) r.nextInt(VALUES)));
    if (!withCas) {
      return Gens.mix(read, write);
    }
    Gen cas = Gens.repeat(r -> new Invocation("cas", null,
        new ArrayList<Object>(Arrays.asList((long) r.nextInt(VALUES), (long) r.nextInt(VALUES)))));
    return Gens.mix(read, write, cas);
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
