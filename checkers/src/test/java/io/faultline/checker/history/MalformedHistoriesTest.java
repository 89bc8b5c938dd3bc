package io.faultline.checker.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed histories, for every reader: each must be refused with exactly the
 * one-line message given (file:line: what), and reading it must leave the file as it was. The
 * cases are the ways the issue found garbage to pass as a history: records joined on one line,
 * trailing text, nesting that overflowed the stack, bytes that are not UTF-8, indices that repeat
 * or skip, a completion timed before its invocation, plus the reader's own older refusals.
 * {@code MalformedInputAcrossModelsTest} in the harness runs this corpus through {@code faultline
 * check} with every model.
 */
class MalformedHistoriesTest {
  @TempDir Path dir;

  /** One malformed file: its name decides the format; {@code {f}} in the message is its path. */
  record Case(String name, byte[] content, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static String jsonl(long index, long time, int process, String type, String f, String value) {
    return "{\"index\":" + index + ",\"time\":" + time + ",\"process\":" + process + ",\"type\":\"" + type
        + "\",\"f\":\"" + f + "\",\"value\":" + value + "}";
  }

  private static final String R0 = jsonl(0, 1, 0, "invoke", "read", "null");
  private static final String R1 = jsonl(1, 2, 0, "ok", "read", "7");
  private static final String ETCD0 = "INFO  jepsen.util - 0\t:invoke\t:read\tnil";
  private static final String ETCD1 = "INFO  jepsen.util - 0\t:ok\t:read\t3";
  private static final String KV0 = "{:process 0, :type :invoke, :f :get, :key \"1\", :value nil}";
  private static final String KV1 = "{:process 0, :type :ok, :f :get, :key \"1\", :value \"x 0 0 y\"}";

  static Case text(String name, String content, String message) {
    return new Case(name, content.getBytes(StandardCharsets.UTF_8), message);
  }

  static Case bytes(String name, String before, int[] bad, String after, String message) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    for (int x : bad) {
      b.write(x);
    }
    b.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return new Case(name, b.toByteArray(), message);
  }

  static String nested(int levels) {
    return "[".repeat(levels - 1) + "]".repeat(levels - 1);
  }

  static List<Case> corpus() {
    String deepJson = jsonl(0, 1, 0, "invoke", "write", nested(101));
    String deepEdn = "{:process 0 :type :invoke :f :write :value " + nested(101) + "}";
    return List.of(
        // JSON Lines
        text("two-records-on-one-line.jsonl", R0 + R1 + "\n",
            "{f}:1: unexpected text after the JSON object at column 73: '{\"index\":1,\"time\":2,\"process\":0,\"type\":\"...'"
                + " (one record per line; two records joined?)"),
        text("trailing-junk.jsonl", R0 + " ok\n" + R1 + "\n",
            "{f}:1: unexpected text after the JSON object at column 74: 'ok' (one record per line; two records joined?)"),
        text("trailing-comma.jsonl", R0 + ",\n" + R1 + "\n",
            "{f}:1: unexpected text after the JSON object at column 73: ',' (one record per line; two records joined?)"),
        text("joined-by-a-lone-cr.jsonl", R0 + "\r" + R1 + "\n",
            "{f}:1: unexpected text after the JSON object at column 74: '{\"index\":1,\"time\":2,\"process\":0,\"type\":\"...'"
                + " (one record per line; two records joined?)"),
        text("cut-short.jsonl", R0 + "\n" + R1.substring(0, 30),
            "{f}:2: not valid JSON: Unexpected end-of-input within/between Object entries"
                + " (the file ends in the middle of this line: cut short while being written?)"),
        text("duplicate-index.jsonl", R0 + "\n" + R0 + "\n",
            "{f}:2: duplicate index 0 (line 1 has it too); indices are dense and 0-based, so this record's is 1"),
        text("skipped-index.jsonl", R0 + "\n" + jsonl(3, 2, 0, "ok", "read", "7") + "\n",
            "{f}:2: index 3 skips indices 1 to 2; indices are dense and 0-based, so this record's is 1 (a record lost?)"),
        text("index-not-from-zero.jsonl", jsonl(1, 1, 0, "invoke", "read", "null") + "\n",
            "{f}:1: index 1 skips index 0; indices are dense and 0-based, so this record's is 0 (a record lost?)"),
        text("negative-index.jsonl", jsonl(-1, 1, 0, "invoke", "read", "null") + "\n",
            "{f}:1: index -1 is negative; indices are dense and 0-based, so this record's is 0"),
        text("field-twice.jsonl", "{\"index\":0,\"process\":0,\"type\":\"invoke\",\"type\":\"ok\",\"f\":\"read\"}\n",
            "{f}:1: not valid JSON: Duplicate field 'type'"),
        text("completion-before-invocation.jsonl",
            jsonl(0, 500, 0, "invoke", "read", "null") + "\n" + jsonl(1, 400, 0, "ok", "read", "7") + "\n",
            "{f}:2: ok 'read' of process 0 has time 400, earlier than its invocation's 500 at line 1"
                + " (an operation cannot complete before it is invoked)"),
        text("nested-too-deep.jsonl", deepJson + "\n",
            "{f}:1: nested more than 100 levels deep (the limit for every history format)"),
        text("deep-enough-to-overflow.jsonl", R0 + "\n" + "{\"index\":1,\"value\":" + "[".repeat(100_000) + "\n",
            "{f}:2: nested more than 100 levels deep (the limit for every history format)"),
        bytes("not-utf8.jsonl", R0 + "\n{\"index\":1,\"f\":\"", new int[] {0xff}, "\"}\n",
            "{f}:2: not valid UTF-8: byte 0xFF at byte offset 89 of the file (byte 17 of the line)"),
        bytes("utf8-cut-in-a-character.jsonl", R0 + "\n" + "{\"index\":1,\"f\":\"", new int[] {0xe2, 0x82}, "",
            "{f}:2: not valid UTF-8: byte 0xE2 at byte offset 89 of the file (byte 17 of the line)"),
        text("not-an-object.jsonl", "[1,2]\n", "{f}:1: expected a JSON object per line"),
        // EDN (Knossos)
        text("deep-vector.edn", "[".repeat(10_000) + "\n",
            "{f}:1: nested more than 100 levels deep (the limit for every history format)"),
        text("deep-value.edn", "[{:process 0 :type :invoke :f :read :value nil}\n " + deepEdn + "]\n",
            "{f}:2: nested more than 100 levels deep (the limit for every history format)"),
        text("deep-discards.edn", "{:process 0 :type :invoke :f :read :value " + "#_ ".repeat(50_000) + "1 2}\n",
            "{f}:1: nested more than 100 levels deep (the limit for every history format)"),
        text("discards-in-a-row.edn", "[" + "#_ {:process 0} ".repeat(50_000) + "]\n",
            "{f}:1: nested more than 100 levels deep (the limit for every history format)"),
        text("deep-tags.edn", "{:process 0 :type :invoke :f :read :value " + "#x ".repeat(50_000) + "1}\n",
            "{f}:1: nested more than 100 levels deep (the limit for every history format)"),
        bytes("not-utf8.edn", "[{:process 0 :type :invoke :f :read :value nil}\n {:process 0 :type :ok :f :read :value \"",
            new int[] {0xc3, 0x28}, "\"}]\n",
            "{f}:2: not valid UTF-8: byte 0xC3 at byte offset 88 of the file (byte 41 of the line)"),
        text("text-after-the-vector.edn", "[{:process 0 :type :invoke :f :read :value nil}]\n{:process 0 :type :ok :f :read :value 1}\n",
            "{f}:2: unexpected text after the history's closing ']'"),
        text("duplicate-index.edn", "[{:index 0 :process 0 :type :invoke :f :read :value nil}\n"
                + " {:index 0 :process 0 :type :invoke :f :read :value nil}]\n",
            "{f}:2: duplicate :index 0 (line 1 has it too); :index must increase from record to record"),
        text("index-going-down.edn", "[{:index 7 :process 0 :type :invoke :f :read :value nil}\n"
                + " {:index 3 :process 0 :type :ok :f :read :value 1}]\n",
            "{f}:2: :index 3 is below line 1's 7; :index must increase from record to record (records out of order?)"),
        text("time-not-an-integer.edn", "{:process 0 :type :invoke :f :read :value nil :time \"noon\"}\n",
            "{f}:1: :time must be an integer, got \"noon\""),
        text("completion-before-invocation.edn", "[{:process 3 :type :invoke :f :write :value 1 :time 90}\n"
                + " {:process 3 :type :ok :f :write :value 1 :time 80}]\n",
            "{f}:2: ok 'write' of process 3 has time 80, earlier than its invocation's 90 at line 1"
                + " (an operation cannot complete before it is invoked)"),
        text("map-key-twice.edn", "{:process 0 :type :invoke :type :ok :f :read}\n",
            "{f}:1: bad EDN: Map contains duplicate key ':type'."),
        // Porcupine etcd logs
        text("two-records-on-one-line.log", ETCD0 + " " + ETCD1 + "\n",
            "{f}:1: unexpected text after the value: 'INFO jepsen.util - 0 :ok :read 3' (one record per line; two records joined?)"),
        text("trailing-junk.log", ETCD0 + "\n" + ETCD1 + " junk\n",
            "{f}:2: unexpected text after the value: 'junk' (one record per line; two records joined?)"),
        text("pair-of-three.log", "INFO  jepsen.util - 0\t:invoke\t:cas\t[1 2 3]\n",
            "{f}:1: value must be nil, an integer, [old new] or :timed-out, got '[1 2 3]'"),
        text("negative-process.log", "INFO  jepsen.util - -1\t:invoke\t:read\tnil\n",
            "{f}:1: process must be a non-negative integer, got '-1'"),
        bytes("not-utf8.log", ETCD0 + "\nINFO  jepsen.util - 0\t:ok\t:read\t", new int[] {0x80}, "\n",
            "{f}:2: not valid UTF-8: byte 0x80 at byte offset 72 of the file (byte 33 of the line)"),
        // Porcupine kv logs (EDN maps, one per line)
        text("deep-value.txt", KV0 + "\n{:process 0, :type :ok, :f :get, :key \"1\", :value " + nested(101) + "}\n",
            "{f}:2: nested more than 100 levels deep (the limit for every history format)"),
        bytes("not-utf8.txt", KV0 + "\n" + KV1.substring(0, 50), new int[] {0xfe}, KV1.substring(50) + "\n",
            "{f}:2: not valid UTF-8: byte 0xFE at byte offset 109 of the file (byte 51 of the line)"),
        text("cut-short.txt", KV0 + "\n" + KV1.substring(0, 40),
            "{f}:2: bad EDN: Unexpected end of input in string literal"));
  }

  static Stream<Case> cases() {
    return corpus().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithFileLineAndWhatAndTheFileIsUntouched(Case c) throws Exception {
    Path file = Files.write(dir.resolve(c.name()), c.content());
    HistoryFormatException e = catchThrowableOfType(HistoryFormatException.class, () -> {
      History h = HistoryFormat.detect(file).read(file, false);
      Pairing.validate(h);
    });
    assertThat(e).as("%s must be refused", c.name()).isNotNull();
    assertThat(e.getMessage()).isEqualTo(c.message().replace("{f}", file.toString()));
    assertThat(e.getMessage()).doesNotContain("\n");
    assertThat(e.line()).isPositive();
    assertThat(Files.readAllBytes(file)).isEqualTo(c.content());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("limits")
  void exactlyTheDepthLimitIsRead(String name, String content) throws Exception {
    Path file = Files.writeString(dir.resolve(name), content);
    assertThatCode(() -> HistoryFormat.detect(file).read(file, false)).doesNotThrowAnyException();
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> limits() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("at-the-limit.jsonl",
            jsonl(0, 1, 0, "invoke", "write", nested(100)) + "\n"),
        org.junit.jupiter.params.provider.Arguments.of("at-the-limit.edn",
            "[{:process 0 :type :invoke :f :write :value " + nested(100) + "}]\n"),
        org.junit.jupiter.params.provider.Arguments.of("stream-at-the-limit.edn",
            "{:process 0 :type :invoke :f :write :value " + nested(100) + "}\n"),
        org.junit.jupiter.params.provider.Arguments.of("tags-at-the-limit.edn",
            "{:process 0 :type :invoke :f :write :value " + "#x ".repeat(99) + "1}\n"),
        org.junit.jupiter.params.provider.Arguments.of("discards-at-the-limit.edn",
            "[{:process 0 :type :invoke :f :write :value " + "#_ 1 ".repeat(99) + "1}]\n"));
  }
}
