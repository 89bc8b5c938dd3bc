package io.faultline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AssertJ assertions on real checker results (recorded etcd histories with known verdicts). */
class TestResultAssertTest {
  @TempDir Path runDir;

  @Test
  void validHistoryPassesIsValidAndFailsIsInvalid() throws Exception {
    TestResult valid = SharedHistories.etcd("etcd_002.log", runDir);
    FaultlineAssertions.assertThat(valid).isValid().hasCheckerResult("linearizable", true)
        .doesNotHaveAnomaly(Evidence.NONLINEARIZABLE);
    assertThatThrownBy(() -> FaultlineAssertions.assertThat(valid).isInvalid())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be INVALID but it was VALID")
        .hasMessageContaining("report: " + runDir.resolve("index.html"));
  }

  @Test
  void invalidHistoryFailureMessageQuotesTheEvidenceAndReport() throws Exception {
    TestResult invalid = SharedHistories.etcd("etcd_000.log", runDir);
    FaultlineAssertions.assertThat(invalid).isInvalid()
        .hasAnomaly("nonlinearizable")
        .hasCheckerResult("linearizable", false);
    assertThat(invalid.anomalies()).containsExactly("nonlinearizable");

    assertThatThrownBy(() -> FaultlineAssertions.assertThat(invalid).isValid())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be VALID but it was INVALID")
        .hasMessageContaining("linearizable: INVALID")
        .hasMessageContaining("first unlinearisable operation:")
        .hasMessageContaining("no operation could be linearised")
        .hasMessageContaining("report: " + runDir.resolve("index.html"))
        .hasMessageContaining("repeat: ./faultline check");
  }

  @Test
  void missingAnomalyAndCheckerAreNamed() throws Exception {
    TestResult invalid = SharedHistories.etcd("etcd_000.log", runDir);
    assertThatThrownBy(() -> FaultlineAssertions.assertThat(invalid).hasAnomaly("G-single"))
        .hasMessageContaining("to show anomaly G-single but its anomalies were [nonlinearizable]");
    assertThatThrownBy(() -> FaultlineAssertions.assertThat(invalid).hasCheckerResult("elle", false))
        .hasMessageContaining("has no checker named elle");
    assertThatThrownBy(() -> FaultlineAssertions.assertThat(invalid).hasCheckerResult("linearizable", true))
        .hasMessageContaining("Expected checker linearizable")
        .hasMessageContaining("to be VALID but it was INVALID");
  }
}
