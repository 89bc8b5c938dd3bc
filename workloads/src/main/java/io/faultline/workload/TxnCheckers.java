package io.faultline.workload;

import io.faultline.checker.Checker;
import io.faultline.workload.check.ListAppendFinalReadChecker;
import io.faultline.workload.check.RwRegisterReadChecker;

/** The checkers that judge transactional workloads. */
final class TxnCheckers {
  private TxnCheckers() {}

  static Checker listAppend() {
    return new ListAppendFinalReadChecker();
  }

  static Checker rwRegister() {
    return new RwRegisterReadChecker();
  }
}
