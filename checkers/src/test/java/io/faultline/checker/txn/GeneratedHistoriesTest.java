package io.faultline.checker.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.Op;
import io.faultline.checker.txn.TxnHistoryGenerator.Config;
import io.faultline.checker.txn.TxnHistoryGenerator.PlantedFault;
import io.faultline.checker.txn.TxnHistoryGenerator.Workload;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random serial executions with concurrency around them are strictly serializable: the checker
 * must find nothing, over many seeds. The same histories with one planted fault must show the
 * fault's anomaly, every time.
 */
class GeneratedHistoriesTest {
  private static final int SEEDS = 40;
  private static final int TXNS = 200;

  private static Checker checker(Workload workload) {
    Budget budget = Budget.of(Duration.ofSeconds(60), 1L << 30);
    return workload == Workload.LIST_APPEND
        ? new ListAppendChecker(ConsistencyModel.STRICT_SERIALIZABLE, budget, () -> 0L)
        : new RwRegisterChecker(ConsistencyModel.STRICT_SERIALIZABLE, budget, () -> 0L);
  }

  private static Config config(Workload workload, int txns, int keys) {
    return workload == Workload.LIST_APPEND ? Config.listAppend(txns, 6, keys)
        : Config.rwRegister(txns, 6, keys);
  }

  @SuppressWarnings("unchecked")
  private static List<String> types(CheckResult result) {
    return (List<String>) result.details().get("anomaly-types");
  }

  @ParameterizedTest
  @EnumSource(Workload.class)
  void serialExecutionsShowNoAnomalies(Workload workload) {
    assertNoFalsePositives(workload, SEEDS, TXNS);
  }

  static void assertNoFalsePositives(Workload workload, int seeds, int txns) {
    Checker checker = checker(workload);
    for (long seed = 0; seed < seeds; seed++) {
      // Few keys make dense dependency graphs; many keys make sparse ones.
      int keys = seed % 2 == 0 ? 4 : 40;
      List<Op> history = TxnHistoryGenerator.generate(config(workload, txns, keys), seed);
      CheckResult result = checker.check(history);
      assertThat(types(result)).as("seed %d", seed).isEmpty();
      assertThat(result.verdict()).as("seed %d", seed).isEqualTo(Verdict.VALID);
    }
  }

  @ParameterizedTest
  @EnumSource(value = PlantedFault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void plantedFaultsInListAppendAreFound(PlantedFault fault) {
    assertPlantedFaultFound(Workload.LIST_APPEND, fault, SEEDS, TXNS);
  }

  @ParameterizedTest
  @EnumSource(value = PlantedFault.class, names = {"NONE", "DUPLICATE"},
      mode = EnumSource.Mode.EXCLUDE)
  void plantedFaultsInRwRegisterAreFound(PlantedFault fault) {
    assertPlantedFaultFound(Workload.RW_REGISTER, fault, SEEDS, TXNS);
  }

  static void assertPlantedFaultFound(Workload workload, PlantedFault fault, int seeds,
      int txns) {
    Checker checker = checker(workload);
    for (long seed = 0; seed < seeds; seed++) {
      int keys = seed % 2 == 0 ? 4 : 40;
      List<Op> history =
          TxnHistoryGenerator.generate(config(workload, txns, keys).withFault(fault), seed);
      CheckResult result = checker.check(history);
      String expected = fault.expected().label();
      if (fault == PlantedFault.STALE_READ) {
        // Same process for writer and reader: the process edge closes the cycle first.
        assertThat(types(result)).as("seed %d", seed)
            .containsAnyOf(expected, "G-single-process");
      } else {
        assertThat(types(result)).as("seed %d", seed).contains(expected);
      }
      assertThat(result.verdict()).as("seed %d", seed).isEqualTo(Verdict.INVALID);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void sameSeedSameHistory(long seed) {
    Config config = Config.listAppend(200, 5, 10).withFault(PlantedFault.CYCLE);
    assertThat(TxnHistoryGenerator.generate(config, seed))
        .isEqualTo(TxnHistoryGenerator.generate(config, seed));
  }
}
