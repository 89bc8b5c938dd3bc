package io.faultline.workload;

import io.faultline.checker.Checker;
import io.faultline.checker.linear.LinearizabilityChecker;
import io.faultline.checker.model.Models;
import java.time.Duration;

/**
 * The linearizability checker for register workloads: partitioned by key, at most a minute of
 * search and half the heap; beyond that it answers unknown.
 */
final class Linearizable {
  private Linearizable() {}

  static Checker checker(String model) {
    return LinearizabilityChecker.builder()
        .model(Models.byName(model))
        .timeLimit(Duration.ofSeconds(60))
        .parallelism(Math.max(1, Runtime.getRuntime().availableProcessors()))
        .build();
  }
}
