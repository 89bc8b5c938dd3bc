package io.faultline.workload;

import io.faultline.checker.Checker;
import io.faultline.generator.Gen;
import java.util.List;

/**
 * A workload: the operations clients issue, the client mapping that performs them and the checkers
 * that judge the resulting history. They belong together: the checker's model must match what the
 * generator asks and what the mapping records.
 */
public interface Workload {

  /** The name used on the command line ({@code --workload}). */
  String name();

  ClientKind clientKind();

  /**
   * The main-phase operations, unbounded in time and unthrottled; the runner adds the rate limit
   * and time limit around it.
   */
  Gen operations(WorkloadOptions options);

  /**
   * Operations issued after every fault is healed and the cluster had time to recover (final reads);
   * {@link io.faultline.generator.Gens#empty()} when the workload needs none.
   */
  Gen finalOperations(WorkloadOptions options);

  /** The checkers that judge this workload's history, by name. */
  List<Checker> checkers();
}
