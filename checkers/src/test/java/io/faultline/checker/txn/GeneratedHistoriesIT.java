package io.faultline.checker.txn;

import io.faultline.checker.txn.TxnHistoryGenerator.PlantedFault;
import io.faultline.checker.txn.TxnHistoryGenerator.Workload;
import org.junit.jupiter.api.Test;

/**
 * The generated-history properties of {@link GeneratedHistoriesTest} on more seeds and longer
 * histories (seeds 0..N-1 of 1,000-transaction histories): too slow for a unit test.
 */
class GeneratedHistoriesIT {

  @Test
  void noFalsePositivesOnLongerHistories() {
    for (Workload workload : Workload.values()) {
      GeneratedHistoriesTest.assertNoFalsePositives(workload, 150, 1_000);
    }
  }

  @Test
  void everyPlantedFaultIsFoundInLongerHistories() {
    for (PlantedFault fault : PlantedFault.values()) {
      if (fault == PlantedFault.NONE) {
        continue;
      }
      GeneratedHistoriesTest.assertPlantedFaultFound(Workload.LIST_APPEND, fault, 60, 1_000);
      if (fault != PlantedFault.DUPLICATE) {
        GeneratedHistoriesTest.assertPlantedFaultFound(Workload.RW_REGISTER, fault, 60, 1_000);
      }
    }
  }
}
