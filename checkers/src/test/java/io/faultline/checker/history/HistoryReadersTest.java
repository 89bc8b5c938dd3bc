package io.faultline.checker.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryReadersTest {
  @TempDir Path dir;

  private static final List<Op> SAMPLE = List.of(
      new Op(0, 10, 3, OpType.INVOKE, "cas", "k7", List.of(1L, 2L), "n2", null),
      new Op(1, 20, Op.NEMESIS, OpType.INFO, "start-partition", null, "isolate n1", null, null),
      new Op(2, 30, 3, OpType.FAIL, "cas", "k7", List.of(1L, 2L), "n2", "cas-mismatch"),
      new Op(3, 40, 4, OpType.INVOKE, "txn", "t", List.of(Arrays.asList("r", "x", null), List.of("w", "y", 3L)), null, null),
      new Op(4, 50, 4, OpType.OK, "txn", "t", List.of(List.of("r", "x", 1L), List.of("w", "y", 3L)), null, null),
      new Op(5, 60, 5, OpType.INVOKE, "write", "a \"quoted\" key", "x<y>", null, null));

  @Test
  void jsonlRoundTrips() throws Exception {
    Path file = dir.resolve("h.jsonl");
    try (JsonlHistoryWriter w = new JsonlHistoryWriter(file)) {
      SAMPLE.forEach(w::append);
    }
    History h = JsonlHistoryReader.read(file);
    assertThat(h.ops()).isEqualTo(SAMPLE);
    assertThat(h.line(5)).isEqualTo(6);
  }

  @Test
  void jsonlErrorsNameFileLineAndField() {
    String text = "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}\n\n"
        + "{\"process\":1,\"type\":\"done\",\"f\":\"read\"}\n";
    assertThatThrownBy(() -> JsonlHistoryReader.read("h.jsonl", new StringReader(text)))
        .isInstanceOf(HistoryFormatException.class)
        .hasMessage("h.jsonl:3: field 'type' must be invoke, ok, fail or info, got \"done\"");
    assertThatThrownBy(() -> JsonlHistoryReader.read("h.jsonl", new StringReader("{\"process\":1,")))
        .hasMessageStartingWith("h.jsonl:1: not valid JSON");
    assertThatThrownBy(() -> JsonlHistoryReader.read("h.jsonl", new StringReader("{\"process\":-2,\"type\":\"ok\",\"f\":\"r\"}")))
        .hasMessageContaining("h.jsonl:1: field 'process'");
    assertThatThrownBy(() -> JsonlHistoryReader.read("h.jsonl", new StringReader("[1,2]")))
        .hasMessage("h.jsonl:1: expected a JSON object per line");
  }

  @Test
  void ednRoundTripsThroughTheWriter() throws Exception {
    StringWriter out = new StringWriter();
    EdnHistoryWriter.write(SAMPLE, out);
    assertThat(out.toString()).contains(":type :invoke", ":f :cas", ":process :nemesis",
        "[\"k7\" [1 2]]", "[\"t\" [[:r \"x\" nil] [:w \"y\" 3]]]");
    History back = EdnHistoryReader.read("h.edn", out.toString(), true);
    assertThat(back.ops()).hasSize(SAMPLE.size());
    for (int i = 0; i < SAMPLE.size(); i++) {
      Op a = SAMPLE.get(i);
      Op b = back.ops().get(i);
      assertThat(b.process()).isEqualTo(a.process());
      assertThat(b.type()).isEqualTo(a.type());
      assertThat(b.f()).isEqualTo(a.f());
      assertThat(b.value()).isEqualTo(a.value());
      assertThat(b.key()).isEqualTo(a.key());
      assertThat(b.error()).isEqualTo(a.error());
    }
    assertThat(back.line(3)).isEqualTo(4);
  }

  @Test
  void ednReadsVectorsListsCommentsAndMultiLineMaps() throws Exception {
    String text = "; a comment before the vector\n"
        + "({:type :invoke, :f :read, :value nil, :process 0}\n"
        + " ; between records\n"
        + " {:type :ok,\n  :f :read,\n  :value 3,\n  :process 0, :error [:x \"#{ [ :\"]}\n"
        + " {:process :nemesis :type :info :f :start :value \"cut #{n1}\"})\n";
    History h = EdnHistoryReader.read("x.edn", text, false);
    assertThat(h.ops()).extracting(Op::type).containsExactly(OpType.INVOKE, OpType.OK, OpType.INFO);
    assertThat(h.ops().get(1).value()).isEqualTo(3L);
    assertThat(h.ops().get(1).error()).isEqualTo("[\"x\",\"#{ [ :\"]");
    assertThat(h.ops().get(2).isNemesis()).isTrue();
    assertThat(h.lines()).containsExactly(2, 4, 8);
  }

  @Test
  void ednStreamOfMapsWithKeys() throws Exception {
    String text = "{:process 9, :type :invoke, :f :append, :key \"0\", :value \"x 9 0 y\"}\n"
        + "{:process 9, :type :ok, :f :append, :key \"0\", :value \"x 9 0 y\"}\n";
    History h = EdnHistoryReader.read("c.txt", text, false);
    assertThat(h.ops()).extracting(Op::key).containsExactly("0", "0");
    assertThat(h.lines()).containsExactly(1, 2);
  }

  @Test
  void ednErrorsNameLine() {
    assertThatThrownBy(() -> EdnHistoryReader.read("a.edn", "[{:process 1 :type :invoke :f :read}\n 42]", false))
        .hasMessage("a.edn:2: expected an operation map, got 42");
    assertThatThrownBy(() -> EdnHistoryReader.read("a.edn", "[{:process 1 :type :invoke :f :read}\n", false))
        .hasMessageStartingWith("a.edn:").hasMessageContaining("missing closing ']'");
    assertThatThrownBy(() -> EdnHistoryReader.read("a.edn", "{:process 1 :type :begin :f :read}", false))
        .hasMessageContaining("a.edn:1: :type must be");
    assertThatThrownBy(() -> EdnHistoryReader.read("a.edn", "{:process 1 :type :ok :f :read :value 3}", true))
        .hasMessageContaining("a.edn:1: :value must be an independent [key value] tuple");
  }

  @Test
  void porcupineEtcdLogKeepsUpstreamMeaning() throws Exception {
    String text = "INFO  jepsen.util - 0\t:invoke\t:cas\t[1 4]\n"
        + "INFO  jepsen.util - 0\t:fail\t:cas\t[1 4]\n"
        + "INFO  jepsen.util - 1 :invoke :write 2\n"
        + "INFO  jepsen.util - 1 :info :write :timed-out\n"
        + "INFO  jepsen.util - 2\t:invoke\t:read\tnil\n"
        + "INFO  jepsen.util - 2\t:ok\t:read\tnil\n";
    History h = PorcupineEtcdReader.read("e.log", text);
    assertThat(h.ops().get(0).value()).isEqualTo(List.of(1L, 4L));
    assertThat(h.ops().get(1).type()).isEqualTo(OpType.OK);
    assertThat(h.ops().get(1).value()).isEqualTo(Boolean.FALSE);
    assertThat(h.ops().get(3).type()).isEqualTo(OpType.INFO);
    assertThat(h.ops().get(5).value()).isNull();
    assertThatThrownBy(() -> PorcupineEtcdReader.read("e.log", "INFO  jepsen.util - 0\t:invoke\t:cas\t[1 x]\n"))
        .hasMessageStartingWith("e.log:1: value must be");
    assertThatThrownBy(() -> PorcupineEtcdReader.read("e.log", "\nhello\n"))
        .hasMessageStartingWith("e.log:2: expected 'INFO jepsen.util");
  }

  @Test
  void formatDetection() throws Exception {
    assertThat(HistoryFormat.detect(write("a.jsonl", "{}"))).isEqualTo(HistoryFormat.JSONL);
    assertThat(HistoryFormat.detect(write("a.edn", "[]"))).isEqualTo(HistoryFormat.EDN);
    assertThat(HistoryFormat.detect(write("x.log", "INFO  jepsen.util - 0 :invoke :read nil\n"))).isEqualTo(HistoryFormat.PORCUPINE_ETCD);
    assertThat(HistoryFormat.detect(write("c.txt", "{:process 9, :type :invoke, :f :get, :key \"0\", :value nil}\n"))).isEqualTo(HistoryFormat.PORCUPINE_KV);
    assertThat(HistoryFormat.detect(write("h", "{\"process\":1}\n"))).isEqualTo(HistoryFormat.JSONL);
    assertThatThrownBy(() -> HistoryFormat.detect(write("w.txt", "hello world\n")))
        .hasMessageEndingWith("w.txt:1: cannot tell the history format (not JSON Lines, EDN or a Porcupine log); name it with --format");
    assertThat(HistoryFormat.byId("porcupine-etcd-log")).isEqualTo(HistoryFormat.PORCUPINE_ETCD);
    assertThatThrownBy(() -> HistoryFormat.byId("csv"))
        .hasMessage("unknown history format 'csv'; valid formats: jsonl, edn, porcupine-etcd, porcupine-kv");
  }

  @Test
  void wrongFormatForcedIsAnErrorWithLine() throws Exception {
    Path edn = write("h.jsonl", "{:process 1 :type :invoke :f :read}\n");
    assertThatThrownBy(() -> HistoryFormat.JSONL.read(edn, false))
        .hasMessageStartingWith(edn + ":1: not valid JSON");
    Path json = write("h.log", "{\"process\":1,\"type\":\"invoke\",\"f\":\"read\"}\n");
    assertThatThrownBy(() -> HistoryFormat.PORCUPINE_ETCD.read(json, false))
        .hasMessageStartingWith(json + ":1: expected 'INFO");
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void keywordsBecomeStringsAndMapsGetStringKeys() throws Exception {
    History h = EdnHistoryReader.read("m.edn", "{:process 0 :type :ok :f :read :value {:a [:b 1]}}", false);
    assertThat(h.ops().get(0).value()).isEqualTo(Map.of("a", List.of("b", 1L)));
  }

  @Test
  void whatRealFilesDoIsStillRead() throws Exception {
    String rec0 = "{\"index\":0,\"time\":5,\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}";
    String rec1 = "{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":\"[[[[;#_\"}"; // no index, no time
    History h = JsonlHistoryReader.read(write("ok.jsonl", "  " + rec0 + " \t\r\n\r\n \n" + rec1 + "\r\n"));
    assertThat(h.ops()).extracting(Op::index).containsExactly(0L, 1L);
    assertThat(h.lines()).containsExactly(1, 4);
    assertThat(h.timed(0)).isTrue();
    assertThat(h.timed(1)).isFalse();
    Pairing.validate(h); // the untimed completion is not compared with its invocation's time

    String edn = "; brackets in strings, comments and characters are not nesting\n"
        + "[{:process 0 :type :invoke :f :write :value \"" + "[".repeat(500) + "\" :note \\[}"
        + " {:process 0 :type :ok :f :write :value \"" + "[".repeat(500) + "\" :wall #inst \"2020-01-01\"} ; [[[[\n"
        + " #_ {:discarded [1 2]}\n"
        + " {:process 1, :type :invoke, :f :read}]\n";
    History e = EdnHistoryReader.read(write("ok.edn", edn), false);
    assertThat(e.ops()).hasSize(3);
    assertThat(e.lines()).containsExactly(2, 2, 4);
    assertThat(e.timed(0)).isFalse();

    History filtered = EdnHistoryReader.read("filtered.edn", "{:index 3 :process 0 :type :invoke :f :read}\n"
        + "{:index 8 :process 0 :type :ok :f :read :value 1}\n", false);
    assertThat(filtered.ops()).extracting(Op::index).containsExactly(3L, 8L); // Jepsen keeps a filtered history's indices

    assertThat(EdnHistoryReader.read("two.edn", "{:process 0 :type :invoke :f :read}{:process 0 :type :ok :f :read :value 1}\n", false)
        .ops()).hasSize(2); // EDN does not care about line breaks: two maps on a line are two records
  }

  @Test
  void emptyBlankAndCommentOnlyFilesAreTheEmptyHistory() throws Exception {
    for (String[] c : new String[][] {{"empty", ""}, {"blank", " \n\t\n\r\n"}, {"comments", "; nothing\n;\n"},
        {"empty.log", ""}, {"blank.jsonl", "\n\n"}}) {
      Path p = write(c[0], c[1]);
      HistoryFormat f = HistoryFormat.detect(p);
      assertThat(f.read(p, false).ops()).as(c[0]).isEmpty();
    }
    assertThat(HistoryFormat.detect(write("comments", "; nothing\n"))).isEqualTo(HistoryFormat.EDN);
    assertThat(HistoryFormat.detect(write("empty.log", ""))).isEqualTo(HistoryFormat.PORCUPINE_ETCD);
  }

  @Test
  void formatDetectionNamesTheLineItCouldNotRead() throws Exception {
    Path p = dir.resolve("odd.txt");
    Files.write(p, new byte[] {'\n', '\n', 'h', 'i', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> HistoryFormat.detect(p))
        .hasMessage(p + ":3: not valid UTF-8: byte 0xFF at byte offset 4 of the file (byte 3 of the line)");
    assertThatThrownBy(() -> HistoryFormat.detect(write("w.txt", "\n\nhello world\n")))
        .hasMessageEndingWith("w.txt:3: cannot tell the history format (not JSON Lines, EDN or a Porcupine log);"
            + " name it with --format");
  }
}
