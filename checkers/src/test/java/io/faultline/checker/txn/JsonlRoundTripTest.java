package io.faultline.checker.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.History;
import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.JsonlHistoryWriter;
import io.faultline.checker.history.Op;
import io.faultline.checker.txn.TxnHistoryGenerator.Config;
import io.faultline.checker.txn.TxnHistoryGenerator.PlantedFault;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated histories written as JSONL and read back check the same; SVG text is escaped. */
class JsonlRoundTripTest {

  private static List<Op> roundTrip(List<Op> history) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonlHistoryWriter writer = new JsonlHistoryWriter(bytes)) {
      history.forEach(writer::append);
    }
    History read = JsonlHistoryReader.read("generated.jsonl",
        new StringReader(bytes.toString(StandardCharsets.UTF_8)));
    return read.ops();
  }

  @Test
  void verdictSurvivesJsonl() throws Exception {
    List<Op> clean = TxnHistoryGenerator.generate(Config.listAppend(500, 5, 8), 11);
    assertThat(new ListAppendChecker().check(roundTrip(clean)).verdict())
        .isEqualTo(Verdict.VALID);
    List<Op> faulty = TxnHistoryGenerator.generate(
        Config.rwRegister(500, 5, 8).withFault(PlantedFault.ABORTED_READ), 11);
    CheckResult result = new RwRegisterChecker().check(roundTrip(faulty));
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.details().get("anomaly-types")).asList().contains("G1a");
  }

  @Test
  void svgEscapesTextAndDotListsEdges() {
    String svg = CycleSvg.render("G1c <&>", List.of("T1", "T2"),
        List.of("[[r \"x\" [1]]]", "[[append x 1]]"), List.of("wr", "wr"));
    assertThat(svg).contains("G1c &lt;&amp;&gt;").contains("[[r &quot;x&quot; [1]]]")
        .doesNotContain("<script");
    assertThat(CycleSvg.dot(List.of("T1", "T2"), List.of("ww", "rw")))
        .isEqualTo("digraph cycle {\n  \"T1\" -> \"T2\" [label=\"ww\"];\n"
            + "  \"T2\" -> \"T1\" [label=\"rw\"];\n}\n");
  }
}
