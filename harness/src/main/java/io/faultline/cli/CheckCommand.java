package io.faultline.cli;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.History;
import io.faultline.checker.history.HistoryFormat;
import io.faultline.checker.history.HistoryFormatException;
import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.Proof;
import io.faultline.checker.history.TimeReversal;
import io.faultline.checker.history.Values;
import io.faultline.checker.linear.CounterexampleHtml;
import io.faultline.checker.linear.LinearizabilityChecker;
import io.faultline.checker.model.Model;
import io.faultline.checker.model.Models;
import io.faultline.checker.model.ReadNil;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faultline check}: checks history files from any tool for linearizability and prints one
 * verdict line per file (a JSON object per line with {@code --json}). Exit code: 0 all valid, 1
 * any invalid, 2 any unknown and none invalid, 3 a file could not be read or a flag is wrong
 * (the message names file:line or the flag). A file with no ok client operation is unknown, never
 * valid ({@link Proof}); times running backwards are a warning on stderr ({@link TimeReversal}).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check history files from any tool for linearizability.")
public final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "M",
      description = "sequential model: ${COMPLETION-CANDIDATES}", completionCandidates = ModelNames.class)
  String model;

  @Option(names = "--format", paramLabel = "F",
      description = "jsonl, edn, porcupine-etcd or porcupine-kv (default: detect from name and content)")
  String format;

  @Option(names = "--json", description = "print one JSON object per file instead of a line of text")
  boolean json;

  @Option(names = "--time-limit", paramLabel = "S", defaultValue = "60",
      description = "search budget per file in seconds (default ${DEFAULT-VALUE}); beyond it: unknown")
  double timeLimitSeconds;

  @Option(names = "--memory-limit", paramLabel = "MIB",
      description = "memo-table budget per file in MiB (default: half the heap); beyond it: unknown")
  Long memoryLimitMib;

  @Option(names = "--init", paramLabel = "VALUE",
      description = "initial state as JSON, e.g. 0 or '{\"x\":0}' (default: the model's empty state)")
  String init;

  @Option(names = "--nil-read", paramLabel = "any|empty",
      description = "what an ok read of nil means (default: any for edn, as in Knossos; empty otherwise)")
  String nilRead;

  @Option(names = "--independent",
      description = "EDN values are Jepsen independent [key value] tuples; check each key alone")
  boolean independent;

  @Option(names = "--html", paramLabel = "DIR",
      description = "write <file>.counterexample.html into DIR for every invalid file")
  Path htmlDir;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "history files")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HistoryFormat forced;
    Object initial;
    try {
      forced = format == null ? null : HistoryFormat.byId(format);
      initial = parseInit();
      Models.create(model, initial, ReadNil.EMPTY); // validates --model and --init up front
      if (timeLimitSeconds <= 0 || Double.isNaN(timeLimitSeconds)) {
        throw new IllegalArgumentException("--time-limit must be a positive number of seconds");
      }
      if (nilRead != null && !nilRead.equals("any") && !nilRead.equals("empty")) {
        throw new IllegalArgumentException("--nil-read must be 'any' or 'empty', got '" + nilRead + "'");
      }
    } catch (IllegalArgumentException e) {
      err.println("faultline check: " + e.getMessage());
      return Main.EXIT_HARNESS_FAILED;
    }
    boolean unreadable = false;
    Verdict all = Verdict.VALID;
    for (Path file : files) {
      try {
        HistoryFormat f = forced != null ? forced : HistoryFormat.detect(file);
        History history = f.read(file, independent);
        ReadNil readNil = nilRead != null ? ReadNil.valueOf(nilRead.toUpperCase(java.util.Locale.ROOT))
            : f.nilReadMeansAnyValue() ? ReadNil.ANY : ReadNil.EMPTY;
        Model<?, ?> m = Models.create(model, initial, readNil);
        LinearizabilityChecker.Builder b = LinearizabilityChecker.builder().model(m)
            .timeLimit(Duration.ofNanos((long) (timeLimitSeconds * 1e9)));
        if (memoryLimitMib != null) {
          b.memoryBudget(memoryLimitMib << 20);
        }
        CheckResult result = requireProof(b.build().check(history), history); // pairs: may refuse the file
        Optional<TimeReversal> reversal = TimeReversal.find(history);
        reversal.ifPresent(r -> err.println("faultline check: warning: " + r.message()));
        all = all.and(result.verdict());
        report(out, file, f, result, reversal);
        if (htmlDir != null && result.verdict() == Verdict.INVALID) {
          Files.createDirectories(htmlDir);
          Files.writeString(htmlDir.resolve(file.getFileName() + ".counterexample.html"),
              CounterexampleHtml.render(result), StandardCharsets.UTF_8);
        }
      } catch (HistoryFormatException e) {
        unreadable = true;
        err.println("faultline check: " + e.getMessage());
      } catch (NoSuchFileException e) {
        unreadable = true;
        err.println("faultline check: " + file + ": no such file");
      } catch (IOException e) {
        unreadable = true;
        err.println("faultline check: " + file + ": cannot read: " + e.getMessage());
      }
    }
    out.flush();
    if (unreadable) {
      return Main.EXIT_HARNESS_FAILED;
    }
    return all.exitCode();
  }

  private Object parseInit() {
    if (init == null) {
      return null;
    }
    try {
      return Values.parse(init);
    } catch (IOException e) {
      throw new IllegalArgumentException("--init must be a JSON value (e.g. 0, \"a\", {\"x\":0}), got '" + init + "'");
    }
  }

  /** VALID only with something to back it (see {@link Proof}); otherwise UNKNOWN with the reason. */
  private static CheckResult requireProof(CheckResult result, History history) {
    Optional<String> missing = Proof.of(history.ops()).missing();
    if (result.verdict() != Verdict.VALID || missing.isEmpty()) {
      return result;
    }
    Map<String, Object> details = new LinkedHashMap<>(result.details());
    details.put("reason", missing.get());
    return new CheckResult(Verdict.UNKNOWN, details);
  }

  private void report(PrintWriter out, Path file, HistoryFormat f, CheckResult r, Optional<TimeReversal> reversal)
      throws IOException {
    Map<String, Object> d = r.details();
    if (json) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("file", file.toString());
      line.put("format", f.id());
      line.putAll(r.toJson());
      reversal.ifPresent(t -> line.put("warnings", List.of(t.message())));
      out.println(JsonValues.mapper().writeValueAsString(line));
      return;
    }
    StringBuilder s = new StringBuilder();
    s.append(file).append(": ").append(r.verdict()).append(" (").append(d.get("model")).append(", ")
        .append(d.get("operations")).append(" ops, ").append(d.get("partitions")).append(" parts, ")
        .append(d.get("elapsed-ms")).append(" ms)");
    if (d.get("failure") instanceof Map<?, ?> failure && failure.get("operation") instanceof Map<?, ?> op) {
      s.append(": cannot linearize ").append(op.get("text")).append(" at line ").append(op.get("line"));
      if (failure.get("key") != null) {
        s.append(" (key ").append(Values.show(failure.get("key"))).append(')');
      }
      s.append("; state after the longest linearizable prefix (").append(failure.get("prefix-length"))
          .append(" ops): ").append(failure.get("state"));
    } else if (d.get("reason") != null) {
      s.append(": ").append(d.get("reason"));
      if (d.get("undecided-partitions") != null) { // out of budget: say how far it got
        s.append("; ").append(d.get("linearizable-partitions")).append(" of ").append(d.get("partitions"))
            .append(" parts proven linearizable");
      }
    }
    out.println(s);
  }

  /** Lists model names for the help text. */
  static final class ModelNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Models.NAMES.iterator();
    }
  }
}
