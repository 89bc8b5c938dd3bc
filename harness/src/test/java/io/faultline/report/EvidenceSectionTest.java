package io.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.history.JsonlHistoryReader;
import io.faultline.checker.history.Op;
import io.faultline.run.CheckRun;
import io.faultline.run.Judgement;
import io.faultline.workload.Workloads;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evidence section from real checkers' findings: a G-single cycle and a linearizability counterexample. */
class EvidenceSectionTest {
  @TempDir Path run;

  static List<Op> history(String jsonl) throws Exception {
    return JsonlHistoryReader.read("test", new StringReader(jsonl)).ops();
  }

  @Test
  void transactionalAnomalyShowsItsExplanationCycleAndItsTransactionsInTheSurroundingHistory() throws Exception {
    List<Op> h = history("""
        {"index":0,"time":0,"process":0,"type":"invoke","f":"txn","value":[["append","x",1],["append","y",1]]}
        {"index":1,"time":10,"process":0,"type":"ok","f":"txn","value":[["append","x",1],["append","y",1]]}
        {"index":2,"time":20,"process":1,"type":"invoke","f":"txn","value":[["r","x",null],["r","y",null]]}
        {"index":3,"time":30,"process":1,"type":"ok","f":"txn","value":[["r","x",[]],["r","y",[1]]]}
        {"index":4,"time":40,"process":2,"type":"invoke","f":"txn","value":[["r","x",null],["r","y",null]]}
        {"index":5,"time":50,"process":2,"type":"ok","f":"txn","value":[["r","x",[1]],["r","y",[1]]]}
        """);
    Judgement j = CheckRun.judge(Workloads.byName("list-append").orElseThrow().checkers(), h);
    ReportWriter.write(run, Map.of("test-name", "read-skew"), j, h);
    String html = Files.readString(run.resolve("index.html"));
    String evidence = html.substring(html.indexOf("id=\"evidence\""), html.indexOf("id=\"charts\""));
    assertThat(evidence).contains("list-append: G-single").contains("<svg").contains("class=\"explanation\"")
        .contains("T1").contains("Surrounding history");
    // the anomaly's transactions, invocation and completion, are highlighted; the timeline link outlines them
    assertThat(evidence.split("class=\"in-cx ", -1).length - 1).isGreaterThanOrEqualTo(4);
    assertThat(evidence).containsPattern("timeline.html#t=[0-9.]+,[0-9.]+&amp;mark=[0-9,]+");
  }

  @Test
  void counterexampleIsDrawnInlineWithTheBlockedOperationAndItsKeysHistory() throws Exception {
    List<Op> h = history("""
        {"index":0,"time":1000000,"process":0,"type":"invoke","f":"write","key":"a","value":1}
        {"index":1,"time":1500000,"process":2,"type":"invoke","f":"write","key":"b","value":5}
        {"index":2,"time":2000000,"process":0,"type":"ok","f":"write","key":"a","value":1}
        {"index":3,"time":2500000,"process":2,"type":"ok","f":"write","key":"b","value":5}
        {"index":4,"time":3000000,"process":1,"type":"invoke","f":"read","key":"a","value":null}
        {"index":5,"time":4000000,"process":1,"type":"ok","f":"read","key":"a","value":2}
        """);
    Judgement j = CheckRun.judge(Workloads.byName("cas-register").orElseThrow().checkers(), h);
    ReportWriter.write(run, Map.of("test-name", "stale"), j, h);
    String html = Files.readString(run.resolve("index.html"));
    String evidence = html.substring(html.indexOf("id=\"evidence\""), html.indexOf("id=\"charts\""));
    assertThat(evidence).contains("not linearizable (key &quot;a&quot;)").contains("id=\"counterexample\"")
        .contains("class='lane'/>").doesNotContain("class=lane/>").contains("class='op blocked'");
    assertThat(evidence).contains("<tr class=\"blocked ok\"><td>5</td>").contains("<tr class=\"blocked invoke\"><td>4</td>")
        .doesNotContain("&quot;b&quot;"); // only key a's events around the counterexample
    assertThat(run.resolve("counterexample-linearizable.html")).exists();
  }

  @Test
  void anAnomalySeenInTheNodeStatusIsExplainedBesideWhatTheClientsDidThen() throws Exception {
    List<Op> h = history("""
        {"index":0,"time":1000000000,"process":0,"type":"invoke","f":"write","key":"a","value":1}
        {"index":1,"time":1100000000,"process":0,"type":"ok","f":"write","key":"a","value":1}
        {"index":2,"time":2000000000,"process":1,"type":"invoke","f":"read","key":"a","value":null}
        {"index":3,"time":2100000000,"process":1,"type":"ok","f":"read","key":"a","value":1}
        """);
    Path samples = java.nio.file.Files.write(run.resolve("node-status.jsonl"), List.of(
        "{\"time\":1900000000,\"node\":\"n1\",\"role\":\"leader\",\"term\":4,\"ledTerms\":[4]}",
        "{\"time\":1950000000,\"node\":\"n2\",\"role\":\"leader\",\"term\":4,\"ledTerms\":[4]}"));
    Judgement j = CheckRun.judge(Workloads.byName("cas-register").orElseThrow().checkers(), h)
        .with(io.faultline.run.ElectionSafety.NAME, io.faultline.run.ElectionSafety.check(samples).orElseThrow());
    ReportWriter.write(run, Map.of("test-name", "two-leaders"), j, h);
    String html = Files.readString(run.resolve("index.html"));
    String evidence = html.substring(html.indexOf("id=\"evidence\""), html.indexOf("id=\"charts\""));
    assertThat(evidence).contains("election-safety: two-leaders-in-one-term")
        .contains("n1 and n2 were both leader of term 4")
        .contains("<td>2</td>"); // the history window opens at the read invoked at 2.0 s, just after 1.9 s
  }

  @Test
  void replicasThatDivergedAreExplainedBesideWhatTheClientsDidThen() throws Exception {
    List<Op> h = history("""
        {"index":0,"time":1000000000,"process":0,"type":"invoke","f":"write","key":"a","value":1}
        {"index":1,"time":1100000000,"process":0,"type":"ok","f":"write","key":"a","value":1}
        {"index":2,"time":3000000000,"process":1,"type":"invoke","f":"read","key":"a","value":null}
        {"index":3,"time":3100000000,"process":1,"type":"ok","f":"read","key":"a","value":1}
        """);
    Path samples = java.nio.file.Files.write(run.resolve("node-status.jsonl"), List.of(
        "{\"time\":2500000000,\"node\":\"n1\",\"role\":\"leader\",\"term\":4,\"appliedDigests\":[{\"index\":16,\"digest\":\"0123456789abcdef0123456789abcdef\"}]}",
        "{\"time\":2900000000,\"node\":\"n2\",\"role\":\"follower\",\"term\":4,\"appliedDigests\":[{\"index\":16,\"digest\":\"fedcba9876543210fedcba9876543210\"}]}"));
    Judgement j = CheckRun.judge(Workloads.byName("cas-register").orElseThrow().checkers(), h)
        .with(io.faultline.run.ReplicaAgreement.NAME, io.faultline.run.ReplicaAgreement.check(samples).orElseThrow());
    assertThat(j.verdict()).isEqualTo(io.faultline.checker.Verdict.INVALID);
    ReportWriter.write(run, Map.of("test-name", "diverged"), j, h);
    String html = Files.readString(run.resolve("index.html"));
    String evidence = html.substring(html.indexOf("id=\"evidence\""), html.indexOf("id=\"charts\""));
    assertThat(evidence).contains("replica-agreement: replicas-diverged")
        .contains("at applied index 16 the replicas&#39; digests differ")
        .contains("n1 reports 0123456789ab…; n2 reports fedcba987654…")
        .contains("<td>2</td>"); // the history window opens at the read invoked at 3.0 s, just after 2.9 s
  }
}
