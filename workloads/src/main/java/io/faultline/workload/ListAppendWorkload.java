package io.faultline.workload;

import io.faultline.checker.Checker;
import io.faultline.generator.Gen;
import io.faultline.generator.Gens;
import io.faultline.workload.check.StatsChecker;
import java.util.List;

/**
 * Elle's list-append workload: transactions of reads and appends of unique values over a few keys
 * through {@code POST /txn}, then a final read of every key.
 */
public final class ListAppendWorkload implements Workload {

  @Override
  public String name() {
    return "list-append";
  }

  @Override
  public ClientKind clientKind() {
    return ClientKind.TXN;
  }

  @Override
  public Gen operations(WorkloadOptions options) {
    return TxnOps.transactions(options.keyCount(), "append");
  }

  @Override
  public Gen finalOperations(WorkloadOptions options) {
    return Gens.once(TxnOps.readAll(options.keyCount()));
  }

  @Override
  public List<Checker> checkers() {
    List<Checker> all = new java.util.ArrayList<>(TxnCheckers.listAppend());
    all.add(new StatsChecker());
    return all;
  }
}
