package io.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.JsonlHistoryWriter;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code faultline analyze} on run folders whose files are damaged or missing: a history it cannot
 * fully read is exit 3 with {@code file:line: what} and leaves every file of the run as it was; a
 * history with nothing to check is unknown, as {@code check} says of the same file; a checker that
 * cannot run says so in the results instead of disappearing from them.
 */
class AnalyzeCommandTest {
  private static final String NL = System.lineSeparator();
  @TempDir Path root;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int analyze(Path runDir) {
    CommandLine cli = new CommandLine(new AnalyzeCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(runDir.toString());
  }

  private int check(Path history) {
    CommandLine cli = new CommandLine(new CheckCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute("--model", "cas-register", history.toString());
  }

  /** A register run: sequential writes and reads of one key, all ok, with a partition in between. */
  static List<Op> history() {
    List<Op> ops = new ArrayList<>();
    long t = 1_000_000;
    for (int i = 0; i < 6; i++) {
      boolean write = i % 2 == 0;
      Object value = write ? (Object) (long) i : null;
      ops.add(new Op(ops.size(), t += 1000, 0, OpType.INVOKE, write ? "write" : "read", "k0", value, "n1", null));
      ops.add(new Op(ops.size(), t += 1000, 0, OpType.OK, write ? "write" : "read", "k0",
          write ? value : (Object) (long) (i - 1), "n1", null));
      if (i == 2) {
        ops.add(new Op(ops.size(), t += 1000, Op.NEMESIS, OpType.INFO, "start-partition", null, "halves", null, null));
      }
    }
    return ops;
  }

  private Path run(List<Op> ops, boolean nodeStatus) throws Exception {
    Path dir = Files.createDirectories(root.resolve("register-test/20260101T000000.000"));
    Files.writeString(dir.resolve("test.json"), "{\"test-name\":\"register-test\",\"workload\":\"register\","
        + "\"concurrency\":1,\"nodes\":3}");
    try (JsonlHistoryWriter w = new JsonlHistoryWriter(dir.resolve("history.jsonl"))) {
      ops.forEach(w::append);
    }
    // A finished run, as the runner records it phase by phase.
    io.faultline.run.RunStateFile state = io.faultline.run.RunStateFile.begin(dir);
    for (io.faultline.run.RunPhase phase : io.faultline.run.RunPhase.values()) {
      if (phase != io.faultline.run.RunPhase.STARTED) {
        state.pass(phase);
      }
    }
    if (nodeStatus) {
      Files.writeString(dir.resolve("node-status.jsonl"),
          "{\"time\":1,\"node\":\"n1\",\"role\":\"leader\",\"term\":1,\"leader\":\"n1\",\"ledTerms\":[1]}\n");
    }
    return dir;
  }

  /** Every file under the run's root with its bytes, to show nothing was rewritten. */
  private Map<String, String> snapshot() throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        files.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return files;
  }

  @Test
  void anIntactRunIsValid() throws Exception {
    Path dir = run(history(), true);
    assertThat(analyze(dir)).as(out + " " + err).isZero();
    assertThat(out.toString()).contains("verdict: VALID", "election-safety: true");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aDamagedHistoryIsExitThreeAndTheRunFolderIsLeftAsItWas() throws Exception {
    Path dir = run(history(), true);
    assertThat(analyze(dir)).isZero(); // results.json and the report now exist: they must survive
    List<String> lines = Files.readAllLines(dir.resolve("history.jsonl"));
    String[][] damages = {
        {String.join("\n", lines.subList(0, 2)) + lines.get(2) + "\n" + String.join("\n", lines.subList(3, lines.size())),
            ":2: unexpected text after the JSON object at column " + (lines.get(1).length() + 1) + ": '"
                + lines.get(2).substring(0, 40) + "...' (one record per line; two records joined?)"},
        {lines.get(0) + "\n" + lines.get(0) + "\n", ":2: duplicate index 0 (line 1 has it too); indices are dense"
            + " and 0-based, so this record's is 1"},
        {lines.get(1) + "\n", ":1: index 1 skips index 0; indices are dense and 0-based, so this record's is 0"
            + " (a record lost?)"},
        // Well-formed, but no operation can complete that was never invoked: the checkers must not
        // see it (they would answer unknown, exit 2, as if the history were merely hard).
        {"{\"index\":0,\"time\":5,\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"key\":\"k0\",\"value\":1}\n",
            ":1: ok 'read' of process 0 has no open invocation"}};
    for (String[] d : damages) {
      Files.writeString(dir.resolve("history.jsonl"), d[0]);
      Map<String, String> before = snapshot();
      err.getBuffer().setLength(0);
      int code = analyze(dir);
      assertThat(code).as(d[1]).isEqualTo(Main.EXIT_HARNESS_FAILED);
      assertThat(err.toString()).isEqualTo("faultline analyze: " + dir.toRealPath().resolve("history.jsonl") + d[1] + NL);
      assertThat(snapshot()).as("nothing in the run folder was rewritten").isEqualTo(before);
    }
  }

  @Test
  void aHistoryWithNothingToCheckIsUnknownInAnalyzeAsInCheck() throws Exception {
    List<Op> fails = new ArrayList<>();
    for (Op op : history()) {
      fails.add(op.type() == OpType.OK ? new Op(op.index(), op.time(), op.process(), OpType.FAIL, op.f(), op.key(),
          fails.get(fails.size() - 1).value(), op.node(), "unavailable") : op);
    }
    List<List<Op>> nothing = List.of(List.of(),
        List.of(new Op(0, 5, Op.NEMESIS, OpType.INFO, "start-partition", null, "halves", null, null)), fails);
    for (List<Op> ops : nothing) {
      Path dir = run(ops, true);
      out.getBuffer().setLength(0);
      assertThat(analyze(dir)).as("analyze of %s", ops).isEqualTo(Main.EXIT_UNKNOWN);
      assertThat(out.toString()).contains("verdict: UNKNOWN", "no operation succeeded; the history proves nothing");
      assertThat(check(dir.resolve("history.jsonl"))).as("check of %s", ops).isEqualTo(Main.EXIT_UNKNOWN);
      assertThat(out.toString()).contains("nothing was observed to happen, so there is nothing to check");
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void withoutNodeStatusElectionSafetySaysItWasNotRun() throws Exception {
    Path dir = run(history(), false);
    assertThat(analyze(dir)).isEqualTo(Main.EXIT_UNKNOWN);
    assertThat(out.toString()).contains("verdict: UNKNOWN",
        "election-safety: unknown {\"reason\":\"not run: node-status.jsonl is missing from the run folder, so whether"
            + " two nodes led one term was not checked\"}");
    Map<?, ?> results = JsonValues.mapper().readValue(dir.resolve("results.json").toFile(), Map.class);
    assertThat(((Map<?, ?>) results.get("checkers")).get("election-safety"))
        .isEqualTo(Map.of("valid", "unknown", "reason", "not run: node-status.jsonl is missing from the run folder,"
            + " so whether two nodes led one term was not checked"));
  }

  @Test
  void aDamagedTestJsonNamesItsLine() throws Exception {
    Path dir = run(history(), true);
    Files.writeString(dir.resolve("test.json"), "{\"workload\":\"register\"}\n{\"workload\":\"set\"}\n");
    assertThat(analyze(dir)).isEqualTo(Main.EXIT_HARNESS_FAILED);
    assertThat(err.toString()).startsWith("faultline analyze: " + dir.toRealPath().resolve("test.json")
        + ":2: not a valid JSON object: Trailing token (of type START_OBJECT) found after value");
    assertThat(err.toString()).hasLineCount(1);
  }
}
