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

  /** The hunt through the API: the naive store is found and the finding's command repeats it. */
  @FaultlineTest
  void aHuntFindsTheNaiveStore(TestBuilder faultline) {
    HuntResult hunt = faultline.system("naive").nodes(3).timeLimit(Duration.ofSeconds(12)).rate(100)
        .recovery(Duration.ofSeconds(1)).huntPackages("partitions", "crashes").seed(5).hunt(Duration.ofSeconds(150));
    assertThat(hunt.verdict()).isEqualTo(io.faultline.checker.Verdict.INVALID);
    assertThat(hunt.huntSeed()).isEqualTo(5);
    TestResult found = hunt.finding().orElseThrow();
    assertThat(hunt.attempts()).last().isEqualTo(found);
    assertThat(found.command()).startsWith("./faultline test --system naive").contains("--time-limit 12")
        .containsPattern("--nemesis (partition|kill,pause) --nemesis-interval 3 ");
    assertThat(found).isInvalid();
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
