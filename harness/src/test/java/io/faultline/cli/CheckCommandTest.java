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
import java.util.List;
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

  // The cases: garbage that used to pass or fail as a verdict.

  private static final String NL = System.lineSeparator();
  private static final String INVOKE_READ =
      "{\"index\":0,\"time\":1,\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}";
  private static final String OK_READ_7 =
      "{\"index\":1,\"time\":2,\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":7}";

  @Test
  void twoRecordsOnOneLineAreRefusedNotReadAsOne() throws Exception {
    Path two = Files.writeString(dir.resolve("two.jsonl"), INVOKE_READ + OK_READ_7 + "\n");
    assertThat(run("--model", "cas-register", two.toString())).isEqualTo(3);
    assertThat(err.toString()).isEqualTo("faultline check: " + two + ":1: unexpected text after the JSON object at"
        + " column 73: '{\"index\":1,\"time\":2,\"process\":0,\"type\":\"...' (one record per line; two records"
        + " joined?)" + NL);
    assertThat(out.toString()).isEmpty();
    Path lines = Files.writeString(dir.resolve("lines.jsonl"), INVOKE_READ + "\n" + OK_READ_7 + "\n");
    assertThat(run("--model", "cas-register", lines.toString())).isEqualTo(1); // the same events, one per line
  }

  @Test
  void deeplyNestedEdnIsRefusedWithItsLineNotAStackOverflow() throws Exception {
    Path deep = Files.writeString(dir.resolve("deep.edn"), "[".repeat(10_000) + "\n");
    assertThat(run("--model", "cas-register", deep.toString())).isEqualTo(3);
    assertThat(err.toString()).isEqualTo("faultline check: " + deep
        + ":1: nested more than 100 levels deep (the limit for every history format)" + NL);
  }

  @Test
  void historiesWithNothingToCheckAreUnknownWithTheReason() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    Path blank = Files.writeString(dir.resolve("blank.jsonl"), "\n  \n\t\n");
    Path nemesis = Files.writeString(dir.resolve("nemesis.jsonl"),
        "{\"index\":0,\"time\":1,\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"start-partition\",\"value\":null}\n");
    for (Path p : List.of(empty, blank, nemesis)) {
      out.getBuffer().setLength(0);
      assertThat(run("--model", "cas-register", p.toString())).as(p.toString()).isEqualTo(2);
      assertThat(out.toString()).startsWith(p + ": UNKNOWN (cas-register, 0 ops, 0 parts, ")
          .endsWith(": nothing was observed to happen, so there is nothing to check" + NL);
    }
    assertThat(out.toString()).contains("the history has no client operations, only 1 nemesis event: nothing was"
        + " observed to happen, so there is nothing to check");
    out.getBuffer().setLength(0);
    assertThat(run("--model", "cas-register", "--json", empty.toString())).isEqualTo(2);
    Map<?, ?> json = JsonValues.mapper().readValue(out.toString().trim(), Map.class);
    assertThat(json.get("valid")).isEqualTo("unknown");
    assertThat(json.get("reason")).isEqualTo("the history is empty: nothing was observed to happen, so there is"
        + " nothing to check");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void onlyFailedOperationsAreUnknownToo() {
    // Knossos calls this file valid (MANIFEST.tsv, and the library's checker still does): every
    // operation failed, so nothing happened and nothing could contradict the model.
    int code = run("--model", "cas-register", "--init", "0", file("knossos/cas-register/good/mongodb-v0-ack-rollback-9.edn"));
    assertThat(code).isEqualTo(2);
    assertThat(out.toString()).contains("UNKNOWN (cas-register, 0 ops", "no client operation completed ok (7 invoked;"
        + " every one failed, crashed or never completed)");
  }

  @Test
  void invalidUtf8NamesFileLineAndByteOffset() throws Exception {
    Path bad = dir.resolve("bad.jsonl");
    Files.write(bad, (INVOKE_READ + "\n{\"index\":1,\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":\"")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Files.write(bad, new byte[] {(byte) 0xC0, (byte) 0xAF, '"', '}', '\n'}, java.nio.file.StandardOpenOption.APPEND);
    assertThat(run("--model", "cas-register", bad.toString())).isEqualTo(3);
    assertThat(err.toString()).isEqualTo("faultline check: " + bad + ":2: not valid UTF-8: byte 0xC0 at byte offset 128"
        + " of the file (byte 56 of the line)" + NL);
    Path edn = dir.resolve("bad.edn");
    Files.write(edn, new byte[] {'[', '\n', '{', ':', 'f', ' ', '"', (byte) 0xFF, '"', '}', ']'});
    assertThat(run("--model", "cas-register", edn.toString())).isEqualTo(3);
    assertThat(err.toString()).endsWith("faultline check: " + edn + ":2: not valid UTF-8: byte 0xFF at byte offset 7"
        + " of the file (byte 6 of the line)" + NL);
  }

  @Test
  void completionBeforeItsInvocationNamesBothLines() throws Exception {
    Path bad = Files.writeString(dir.resolve("backwards.jsonl"),
        "{\"index\":0,\"time\":900,\"process\":4,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}\n"
            + "{\"index\":1,\"time\":800,\"process\":4,\"type\":\"ok\",\"f\":\"write\",\"value\":1}\n");
    assertThat(run("--model", "cas-register", bad.toString())).isEqualTo(3);
    assertThat(err.toString()).isEqualTo("faultline check: " + bad + ":2: ok 'write' of process 4 has time 800, earlier"
        + " than its invocation's 900 at line 1 (an operation cannot complete before it is invoked)" + NL);
  }

  @Test
  void duplicateAndMissingIndicesAreRefused() throws Exception {
    Path dup = Files.writeString(dir.resolve("dup.jsonl"), INVOKE_READ + "\n" + INVOKE_READ + "\n");
    assertThat(run("--model", "cas-register", dup.toString())).isEqualTo(3);
    assertThat(err.toString()).isEqualTo("faultline check: " + dup + ":2: duplicate index 0 (line 1 has it too);"
        + " indices are dense and 0-based, so this record's is 1" + NL);
    err.getBuffer().setLength(0);
    Path gap = Files.writeString(dir.resolve("gap.jsonl"), INVOKE_READ + "\n" + OK_READ_7.replace("\"index\":1", "\"index\":2") + "\n");
    assertThat(run("--model", "cas-register", gap.toString())).isEqualTo(3);
    assertThat(err.toString()).isEqualTo("faultline check: " + gap + ":2: index 2 skips index 1; indices are dense"
        + " and 0-based, so this record's is 1 (a record lost?)" + NL);
  }

  @Test
  void timeRunningBackwardsIsAWarningAndTheVerdictStands() {
    Path multi = HISTORIES.resolve("knossos/multi-register/good/multi-register.edn");
    int code = run("--model", "multi-register", "--init", "{\"x\":0,\"y\":0}", multi.toString());
    assertThat(code).isZero();
    assertThat(out.toString()).contains("multi-register.edn: VALID");
    assertThat(err.toString()).startsWith("faultline check: warning: " + multi + ":").contains(
        "(time runs backwards at 4 records); file order is taken as real-time order").hasLineCount(1);
  }
}
