package io.faultline.workload;

import io.faultline.checker.Checker;
import io.faultline.workload.check.StatsChecker;

/** The linearizability checker for register workloads, partitioned by key. */
final class Linearizable {
  private Linearizable() {}

  static Checker checker(String model) {
    // Replaced by io.faultline.checker.linear.LinearizabilityChecker as soon as it lands.
    return new StatsChecker();
  }
}
