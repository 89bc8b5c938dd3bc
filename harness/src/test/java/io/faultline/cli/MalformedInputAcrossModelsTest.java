package io.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.history.EdnHistoryWriter;
import io.faultline.checker.history.JsonlHistoryWriter;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.checker.model.Models;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code faultline check} with every model, on a history that model accepts, damaged in each way a
 * reader must refuse, in JSON Lines and in EDN: exit 3 with exactly one line {@code file:line:
 * what} on stderr and no verdict for that file. Nothing recorded is lost: the damaged file is left
 * as it was, and the intact file given after it still gets its verdict. A history with nothing in
 * it to check is exit 2 with the reason, whatever the model.
 */
class MalformedInputAcrossModelsTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private static final String NL = System.lineSeparator();

  enum Format { JSONL, EDN }

  enum Damage {
    RECORDS_JOINED, TRAILING_TEXT, NESTED_TOO_DEEP, NOT_UTF8, LINE_DUPLICATED, COMPLETED_BEFORE_INVOKED,
    EMPTY, ONLY_NEMESIS, ONLY_FAILED
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (String model : Models.NAMES) {
      for (Format format : Format.values()) {
        for (Damage damage : Damage.values()) {
          if (format == Format.EDN && damage == Damage.RECORDS_JOINED) {
            continue; // EDN does not care about line breaks: two maps on a line are two records
          }
          all.add(Arguments.of(model, format, damage));
        }
      }
    }
    return all.stream();
  }

  /** A short history {@code model} accepts as linearizable, one process, times 10, 20, ... */
  static List<Op> sample(String model) {
    List<Object[]> calls = switch (model) {
      case "register" -> List.of(new Object[] {"write", 1L, 1L}, new Object[] {"read", null, 1L});
      case "cas-register", "etcd" -> List.of(new Object[] {"write", 1L, 1L}, new Object[] {"cas", List.of(1L, 2L),
          List.of(1L, 2L)}, new Object[] {"read", null, 2L});
      case "multi-register", "key-value" -> List.of(new Object[] {"txn", List.of(List.of("w", "x", 1L)),
          List.of(List.of("w", "x", 1L))}, new Object[] {"txn", List.of(Arrays.asList("r", "x", null)),
          List.of(List.of("r", "x", 1L))});
      case "set" -> List.of(new Object[] {"add", 1L, 1L}, new Object[] {"read", null, List.of(1L)});
      case "queue", "fifo-queue" -> List.of(new Object[] {"enqueue", 1L, 1L}, new Object[] {"dequeue", null, 1L});
      case "mutex" -> List.of(new Object[] {"acquire", null, null}, new Object[] {"release", null, null});
      case "kv" -> List.of(new Object[] {"put", "x", "x"}, new Object[] {"append", "y", "y"},
          new Object[] {"get", null, "xy"});
      default -> throw new AssertionError("no sample for model " + model);
    };
    List<Op> ops = new ArrayList<>();
    for (Object[] c : calls) {
      ops.add(Op.invoke(ops.size(), 10L * (ops.size() + 1), 0, (String) c[0], c[1]));
      ops.add(Op.complete(ops.size(), 10L * (ops.size() + 1), 0, OpType.OK, (String) c[0], c[2]));
    }
    return ops;
  }

  private int check(String model, Path... files) {
    CommandLine cli = new CommandLine(new CheckCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(List.of("--model", model));
    for (Path f : files) {
      args.add(f.toString());
    }
    return cli.execute(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void refusedWithOneLineAndNothingLost(String model, Format format, Damage damage) throws Exception {
    String ext = format == Format.JSONL ? ".jsonl" : ".edn";
    List<Op> ops = sample(model);
    Path intact = dir.resolve("intact" + ext);
    Files.write(intact, text(format, ops));
    assertThat(check(model, intact)).as("the intact sample is valid for %s: %s %s", model, out, err).isZero();
    out.getBuffer().setLength(0);

    Path bad = dir.resolve(damage.name().toLowerCase() + ext);
    byte[] content = damaged(format, ops, damage);
    Files.write(bad, content);
    int code = check(model, bad, intact);

    String[] lines = new String(text(format, ops), StandardCharsets.UTF_8).split("\n");
    String expected = switch (damage) {
      case RECORDS_JOINED -> bad + ":1: unexpected text after the JSON object at column " + (lines[0].length() + 1)
          + ": '" + lines[1].substring(0, 40) + "...' (one record per line; two records joined?)";
      case TRAILING_TEXT -> format == Format.JSONL
          ? bad + ":1: unexpected text after the JSON object at column " + (lines[0].length() + 2)
              + ": 'x' (one record per line; two records joined?)"
          : bad + ":1: expected an operation map, got \"x\"";
      case NESTED_TOO_DEEP -> bad + ":" + (ops.size() + 1)
          + ": nested more than 100 levels deep (the limit for every history format)";
      case NOT_UTF8 -> bad + ":" + (ops.size() + 1) + ": not valid UTF-8: byte 0xFF at byte offset "
          + (content.length - 4) + " of the file (byte " + (format == Format.JSONL ? 17 : 6) + " of the line)";
      case LINE_DUPLICATED -> bad + ":2: " + (format == Format.JSONL
          ? "duplicate index 0 (line 1 has it too); indices are dense and 0-based, so this record's is 1"
          : "duplicate :index 0 (line 1 has it too); :index must increase from record to record");
      case COMPLETED_BEFORE_INVOKED -> bad + ":2: ok '" + ops.get(0).f() + "' of process 0 has time 5, earlier than"
          + " its invocation's 10 at line 1 (an operation cannot complete before it is invoked)";
      default -> null;
    };
    assertThat(Files.readAllBytes(bad)).as("the damaged file is left as it was").isEqualTo(content);
    assertThat(out.toString()).as("the intact file after it still gets its verdict").contains(intact + ": VALID");
    if (expected == null) {
      String reason = switch (damage) {
        case EMPTY -> "the history is empty";
        case ONLY_NEMESIS -> "the history has no client operations, only 2 nemesis events";
        default -> "no client operation completed ok (" + ops.size() / 2 + " invoked; every one failed, crashed or"
            + " never completed)";
      };
      assertThat(code).as(err.toString()).isEqualTo(Main.EXIT_UNKNOWN);
      assertThat(out.toString()).contains(bad + ": UNKNOWN (", reason + ": nothing was observed to happen, so there is nothing to check");
      assertThat(err.toString()).isEmpty();
    } else {
      assertThat(code).isEqualTo(Main.EXIT_HARNESS_FAILED);
      assertThat(err.toString()).isEqualTo("faultline check: " + expected + NL);
      assertThat(out.toString()).doesNotContain(bad.toString());
    }
  }

  static byte[] text(Format format, List<Op> ops) throws Exception {
    if (format == Format.JSONL) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (JsonlHistoryWriter w = new JsonlHistoryWriter(b)) {
        ops.forEach(w::append);
      }
      return b.toByteArray();
    }
    StringWriter w = new StringWriter();
    EdnHistoryWriter.write(ops, w);
    return w.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] damaged(Format format, List<Op> ops, Damage damage) throws Exception {
    String text = new String(text(format, ops), StandardCharsets.UTF_8);
    int firstEnd = text.indexOf('\n');
    boolean jsonl = format == Format.JSONL;
    return switch (damage) {
      case RECORDS_JOINED -> (text.substring(0, firstEnd) + text.substring(firstEnd + 1)).getBytes(StandardCharsets.UTF_8);
      case TRAILING_TEXT -> (text.substring(0, firstEnd) + " x" + text.substring(firstEnd)).getBytes(StandardCharsets.UTF_8);
      case NESTED_TOO_DEEP -> (text + (jsonl ? "{\"index\":" + ops.size() + ",\"process\":0,\"type\":\"invoke\",\"f\":\"x\",\"value\":"
          : "{:process 0 :type :invoke :f :x :value ") + "[".repeat(100) + "]".repeat(100) + "}\n")
          .getBytes(StandardCharsets.UTF_8);
      case NOT_UTF8 -> {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((text + (jsonl ? "{\"index\":" + ops.size() + ",\"f\":\"" : "{:f \"")).getBytes(StandardCharsets.UTF_8));
        b.write(0xff);
        b.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        yield b.toByteArray();
      }
      case LINE_DUPLICATED -> (text.substring(0, firstEnd + 1) + text).getBytes(StandardCharsets.UTF_8);
      case COMPLETED_BEFORE_INVOKED -> {
        List<Op> changed = new ArrayList<>(ops);
        Op c = ops.get(1);
        changed.set(1, new Op(c.index(), 5, c.process(), c.type(), c.f(), c.key(), c.value(), c.node(), c.error()));
        yield text(format, changed);
      }
      case EMPTY -> new byte[0];
      case ONLY_NEMESIS -> text(format, List.of(
          new Op(0, 1, Op.NEMESIS, OpType.INFO, "start-partition", null, "halves", null, null),
          new Op(1, 2, Op.NEMESIS, OpType.INFO, "stop-partition", null, null, null, null)));
      case ONLY_FAILED -> {
        List<Op> failed = new ArrayList<>();
        for (Op op : ops) {
          failed.add(op.type() == OpType.OK ? new Op(op.index(), op.time(), op.process(), OpType.FAIL, op.f(),
              op.key(), ops.get((int) op.index() - 1).value(), op.node(), "refused") : op);
        }
        yield text(format, failed);
      }
    };
  }
}
