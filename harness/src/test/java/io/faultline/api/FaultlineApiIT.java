package io.faultline.api;

import static io.faultline.api.FaultlineAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.junit.FaultlineTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/**
 * The public API end to end against real node processes, through the JUnit extension: Raft stays
 * linearizable under partitions; the naive store is caught with the anomaly named. The extension
 * must have stored the runs under target/faultline/ and written JUnit XML for each test.
 */
class FaultlineApiIT {

  @FaultlineTest
  void raftIsLinearizableUnderPartitions(TestBuilder faultline) {
    TestResult result = faultline.system("raft").nodes(3).workload("cas-register").nemesis("partition")
        .nemesisInterval(Duration.ofSeconds(3)).timeLimit(Duration.ofSeconds(12)).rate(100).seed(42)
        .recovery(Duration.ofSeconds(2)).run();
    assertThat(result).isValid().hasCheckerResult("linearizable", true);
    assertThat(result.runDir()).startsWith(Path.of("target/faultline").toAbsolutePath());
    assertThat(result.report()).isRegularFile();
  }

  @FaultlineTest
  void naiveStoreIsCaught(TestBuilder faultline) {
    TestResult result = faultline.system("naive").nodes(3).workload("cas-register").nemesis("partition")
        .nemesisInterval(Duration.ofSeconds(3)).timeLimit(Duration.ofSeconds(12)).rate(100).seed(11)
        .recovery(Duration.ofSeconds(1)).run();
    assertThat(result).isInvalid().hasAnomaly("nonlinearizable").hasCheckerResult("linearizable", false);
    assertThat(result.evidence("linearizable")).contains("first unlinearisable operation");
  }

  @AfterAll
  static void extensionWroteJunitXmlForEachTest() throws Exception {
    Path junit = Path.of("target/faultline/junit").toAbsolutePath();
    String raft = Files.readString(junit.resolve("TEST-FaultlineApiIT.raftIsLinearizableUnderPartitions.xml"));
    assertThat(raft).contains("<testcase name=\"linearizable\"").doesNotContain("<failure");
    String naive = Files.readString(junit.resolve("TEST-FaultlineApiIT.naiveStoreIsCaught.xml"));
    assertThat(naive).contains("<failure type=\"nonlinearizable\" message=\"linearizable found nonlinearizable");
  }
}
