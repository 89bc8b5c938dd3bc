package io.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.gen.RandomHistoryGenerator;
import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.JsonlHistoryWriter;
import io.faultline.checker.history.Op;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
  private static final Path HISTORIES =
      Path.of(System.getProperty("faultline.shared", "../../shared")).resolve("data/histories");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new CheckCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private String file(String relative) {
    return HISTORIES.resolve(relative).toString();
  }

  @Test
  void validFilesExitZeroWithOneLineEach() {
    int code = run("--model", "etcd", file("porcupine/jepsen/etcd_005.log"), file("porcupine/jepsen/etcd_018.log"));
    assertThat(code).isEqualTo(0);
    assertThat(out.toString().lines()).hasSize(2).allMatch(l -> l.contains(": VALID (etcd"));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void anyInvalidExitsOneAndSaysWhichOperation() {
    int code = run("--model", "cas-register", "--init", "0", file("knossos/cas-register/good/memstress3-1.edn"),
        file("knossos/cas-register/bad/immediate-failure.edn"));
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("memstress3-1.edn: VALID",
        "immediate-failure.edn: INVALID (cas-register, 1 ops, 1 parts", "cannot linearize p1 read -> 3 at line 1");
  }

  @Test
  void ednNilReadsMeanAnyValueUnlessToldOtherwise() throws Exception {
    Path edn = Files.writeString(dir.resolve("nil-read.edn"), "[{:process 0 :type :invoke :f :write :value 1}\n"
        + " {:process 0 :type :ok :f :write :value 1}\n"
        + " {:process 1 :type :invoke :f :read :value nil}\n"
        + " {:process 1 :type :ok :f :read :value nil}]\n");
    assertThat(run("--model", "cas-register", edn.toString())).isEqualTo(0);
    assertThat(run("--model", "cas-register", "--nil-read", "empty", edn.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("cannot linearize p1 read -> null at line 3");
  }

  @Test
  void jsonOutputAndHtmlCounterexample() throws Exception {
    Path html = dir.resolve("html");
    int code = run("--model", "kv", "--json", "--html", html.toString(), file("porcupine/kv/c10-bad.txt"));
    assertThat(code).isEqualTo(1);
    Map<?, ?> json = JsonValues.mapper().readValue(out.toString().trim(), Map.class);
    assertThat(json.get("valid")).isEqualTo(false);
    assertThat(json.get("format")).isEqualTo("porcupine-kv");
    assertThat(((Map<?, ?>) json.get("failure")).get("key")).isNotNull();
    assertThat(Files.readString(html.resolve("c10-bad.txt.counterexample.html"))).contains("<svg", "Not linearizable");
  }

  @Test
  void undecidedWithinBudgetExitsTwo() throws Exception {
    Path hard = dir.resolve("hard.jsonl");
    try (JsonlHistoryWriter w = new JsonlHistoryWriter(hard)) {
      for (Op op : RandomHistoryGenerator.generate(new RandomHistoryGenerator.Config(7, 1, 20, 10_000, 0.05, true, 0.0))) {
        w.append(op);
      }
    }
    int code = run("--model", "cas-register", "--memory-limit", "1", hard.toString());
    assertThat(code).isEqualTo(2);
    assertThat(out.toString()).contains("UNKNOWN", "memory budget exhausted", "0 of 1 parts proven linearizable");
  }

  @Test
  void unreadableInputExitsThreeNamingFileAndLine() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"),
        "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\"}\n{\"process\":2,\"type\":\"ok\",\"f\":\"read\",\"value\":1}\n");
    int code = run("--model", "cas-register", bad.toString(), file("porcupine/jepsen/etcd_005.log"));
    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).isEqualTo("faultline check: " + bad + ":2: ok 'read' of process 2 has no open invocation"
        + System.lineSeparator());
    assertThat(run("--model", "register", dir.resolve("missing.jsonl").toString())).isEqualTo(3);
    assertThat(err.toString()).contains("missing.jsonl: no such file");
  }

  @Test
  void wrongFormatIsAnErrorWithLine() {
    int code = run("--model", "etcd", "--format", "jsonl", file("porcupine/jepsen/etcd_002.log"));
    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("etcd_002.log:1: not valid JSON");
  }

  @Test
  void badFlagsExitThree() {
    assertThat(run("--model", "nope", file("porcupine/jepsen/etcd_002.log"))).isEqualTo(3);
    assertThat(err.toString()).contains("unknown model 'nope'; valid models: register, cas-register");
    assertThat(run("--model", "register", "--format", "csv", file("porcupine/jepsen/etcd_002.log"))).isEqualTo(3);
    assertThat(err.toString()).contains("unknown history format 'csv'");
    assertThat(run("--model", "register", "--init", "{oops", file("porcupine/jepsen/etcd_002.log"))).isEqualTo(3);
    assertThat(err.toString()).contains("--init must be a JSON value");
    assertThat(Main.execute("check", "--model", "register", "--time-limit", "soon", "x.jsonl")).isEqualTo(3);
    assertThat(Main.execute("check", "x.jsonl")).isEqualTo(3); // --model is required
  }
}
