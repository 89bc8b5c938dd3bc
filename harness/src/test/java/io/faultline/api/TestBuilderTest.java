package io.faultline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.run.TestConfig;
import io.faultline.sut.CommandTemplate;
import io.faultline.sut.SystemUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fluent builder: the configuration it hands the runner, and one-line errors for bad values. */
class TestBuilderTest {
  @TempDir Path dir;

  @Test
  void buildsTheSameConfigurationAsTheCommandLine() {
    TestConfig c = Faultline.test().system("naive").nodes(3).workload("cas-register").nemesis("partition", "kill")
        .nemesisInterval(Duration.ofSeconds(3)).timeLimit(Duration.ofSeconds(15)).rate(100).seed(42)
        .recovery(Duration.ofSeconds(1)).resultsDir(dir).config();
    assertThat(c.command()).isEqualTo("./faultline test --system naive --runtime local --nodes 3 --workload"
        + " cas-register --values unique --nemesis partition,kill --nemesis-interval 3 --time-limit 15 --concurrency 10"
        + " --rate 100 --request-timeout 1000,8000 --recovery 1 --seed 42");
    assertThat(c.resultsRoot()).isEqualTo(dir);
    assertThat(c.recoveryMillis()).isEqualTo(1000);
    assertThat(c.testName()).isEqualTo("naive-cas-register-partition+kill");
    TestConfig flapping = Faultline.test().nemesis("partition").partitionShapes("isolate-leader").partitionFlap(true)
        .seed(1).config();
    assertThat(flapping.command()).contains("--nemesis partition --nemesis-interval 10 --partition-shapes"
        + " isolate-leader --partition-flap --time-limit 60");
    assertThat(flapping.toJson()).containsEntry("partition-shapes", "isolate-leader").containsEntry("partition-flap", true);
    assertThatThrownBy(() -> Faultline.test().partitionShapes("cube"))
        .hasMessageStartingWith("partitionShapes(cube): unknown shape 'cube' (allowed: halves,");
    TestConfig strobing = Faultline.test().nemesis("clock").nemesisTargets("majority", "leader").seed(1).config();
    assertThat(strobing.command()).contains("--nemesis clock --nemesis-interval 10 --nemesis-targets majority,leader"
        + " --time-limit 60");
    assertThat(strobing.toJson()).containsEntry("nemesis-targets", "majority,leader");
    assertThat(flapping.toJson()).containsEntry("nemesis-targets", "default");
    assertThatThrownBy(() -> Faultline.test().nemesisTargets("half"))
        .hasMessageStartingWith("nemesisTargets(half): unknown target 'half' (allowed: one, minority,");
  }

  @Test
  void badValuesAreRejectedNamingTheSetter() {
    assertThatThrownBy(() -> Faultline.test().system("zookeeper"))
        .hasMessageStartingWith("system(\"zookeeper\"): unknown bundled system (allowed: raft, paxos, naive");
    assertThatThrownBy(() -> Faultline.test().nodes(0)).hasMessage("nodes(0): must be 1..15 on the local runtime");
    assertThatThrownBy(() -> Faultline.test().workload("bank")).hasMessageStartingWith("workload(\"bank\"): unknown");
    assertThatThrownBy(() -> Faultline.test().nemesis("partition", "meteor")).hasMessageStartingWith(
        "nemesis(partition, meteor): ");
    assertThatThrownBy(() -> Faultline.test().timeLimit(Duration.ZERO)).hasMessage("timeLimit(PT0S): must be > 0 and at most 30 days");
    assertThatThrownBy(() -> Faultline.test().rate(-1)).hasMessage("rate(-1.0): must be a finite number >= 0");
    assertThatThrownBy(() -> Faultline.test().rate(Double.POSITIVE_INFINITY))
        .hasMessage("rate(Infinity): must be a finite number >= 0");
    assertThatThrownBy(() -> Faultline.test().timeLimit(Duration.ofDays(365)))
        .hasMessage("timeLimit(PT8760H): must be > 0 and at most 30 days");
  }

  @Test
  void dockerRuntimeRefusesAUsersOwnSystemInOneLine() {
    SystemUnderTest mine = new SystemUnderTest("mydb", CommandTemplate.of("/bin/false"),
        (kind, node, timeout, bug) -> {
          throw new AssertionError("never opened");
        }, node -> false);
    assertThatThrownBy(() -> Faultline.test().system(mine).runtime("docker").resultsDir(dir).run())
        .isInstanceOf(FaultlineException.class)
        .hasMessage("runtime(\"docker\") runs the bundled KV node only; run mydb with runtime(\"local\")");
  }

  @Test
  void aMissingNodeProgramIsAHarnessErrorToldToListeners() {
    StringBuilder told = new StringBuilder();
    TestBuilder b = Faultline.test().nodes(1).resultsDir(dir).nodeJar(dir.resolve("no-such.jar"))
        .listener(new RunListener() {
          @Override
          public void finished(TestResult result) {
            told.append("finished");
          }

          @Override
          public void failed(String testName, FaultlineException error, Duration elapsed) {
            told.append(testName).append(": ").append(error.getMessage());
          }
        });
    assertThatThrownBy(b::run).isInstanceOf(FaultlineException.class)
        .hasMessageStartingWith("node program not found at " + dir.resolve("no-such.jar"));
    assertThat(told.toString()).startsWith("raft-cas-register-partition+clock: node program not found");
  }
}
