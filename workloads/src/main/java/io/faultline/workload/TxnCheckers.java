package io.faultline.workload;

import io.faultline.checker.Checker;
import io.faultline.checker.txn.ListAppendChecker;
import io.faultline.checker.txn.RwRegisterChecker;
import io.faultline.workload.check.ListAppendFinalReadChecker;
import io.faultline.workload.check.RwRegisterReadChecker;
import java.util.List;

/**
 * The checkers that judge transactional workloads: the dependency-cycle (Elle) analysis, plus the
 * plain final-read / read-provenance checks whose findings are easy to explain.
 */
final class TxnCheckers {
  private TxnCheckers() {}

  static List<Checker> listAppend() {
    return List.of(new ListAppendChecker(), new ListAppendFinalReadChecker());
  }

  static List<Checker> rwRegister() {
    return List.of(new RwRegisterChecker(), new RwRegisterReadChecker());
  }
}
