package io.faultline.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.Op;
import io.faultline.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code faultline test --runtime docker} end to end, in-process: Raft in three containers under
 * partitions, kills, pauses and clock faults is valid; the naive store under partitions is caught.
 * The run folder has the nemesis events and every node's container log.
 */
class DockerTestCommandIT {

  @Test
  void raftUnderEveryFaultIsValid() throws Exception {
    DockerSupport.dockerOrSkip();
    Path results = DockerSupport.resultsDir("raft");
    String out = cli(0, "test", "--runtime", "docker", "--system", "raft", "--nodes", "3",
        "--nemesis", "partition,kill,pause,clock", "--nemesis-interval", "3", "--time-limit", "15",
        "--rate", "100", "--seed", "5", "--recovery", "2", "--results-dir", results.toString());
    assertThat(out).contains("verdict: VALID");
    Path run = results.resolve("latest").toRealPath();
    List<Op> history = JsonlHistoryReader.read(run.resolve("history.jsonl")).ops();
    for (String f : List.of("start-partition", "kill", "restart", "pause", "resume")) {
      assertThat(history).as(f).anyMatch(op -> op.isNemesis() && op.f().equals(f));
    }
    assertThat(history).anyMatch(op -> op.isNemesis() && op.f().endsWith("-clock") && !op.f().equals("reset-clock"));
    assertThat(history.stream().filter(op -> !op.isNemesis() && op.type() == io.faultline.checker.history.OpType.OK).count())
        .isGreaterThan(50);
    for (String n : List.of("n1", "n2", "n3")) {
      assertThat(Files.readString(run.resolve("nodes").resolve(n).resolve("node.log")))
          .startsWith("# docker: faultline/kv-node:").contains(n + " INFO started protocol=raft");
    }
    assertThat(Files.readString(run.resolve("test.json"))).contains("\"runtime\" : \"docker\"");
  }

  @Test
  void naiveUnderPartitionsIsCaught() throws Exception {
    DockerSupport.dockerOrSkip();
    Path results = DockerSupport.resultsDir("naive");
    String out = cli(1, "test", "--runtime", "docker", "--system", "naive", "--nodes", "3",
        "--nemesis", "partition", "--nemesis-interval", "3", "--time-limit", "12", "--rate", "100",
        "--seed", "11", "--recovery", "1", "--results-dir", results.toString());
    assertThat(out).contains("verdict: INVALID").contains("linearizable: false");
  }

  /** Runs the CLI in this JVM; asserts the exit code and returns what it printed. */
  private static String cli(int expectedExit, String... args) {
    System.setProperty("faultline.nodeJar",
        DockerSupport.root().resolve("systems-under-test/target/kv-node.jar").toString());
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      code = Main.execute(args);
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    old.print(out);
    assertThat(code).as(out).isEqualTo(expectedExit);
    return out;
  }
}
