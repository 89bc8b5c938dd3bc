package io.faultline.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a node made durable must never go back, across its restarts included. Nodes that report
 * {@code durableTerm} (and {@code durableVote}) in their status — the bundled Raft node its last
 * persisted term and vote, the Paxos node the round of its last synced promise — are checked from
 * {@code node-status.jsonl}: a later sample of a node with a lower durable term than an earlier
 * one, or with another vote in the same term, means the node lost state it had acted upon as
 * durable (a vote or promise not really on disk when it was given), after which it can vote twice
 * in one term or break a promise. The client history shows that only if the double vote elects
 * two leaders that both commit; this sees the loss itself, the moment a restarted node reports.
 *
 * <p>Each node's samples are taken one after another by one thread and written in that order, so
 * the file's order is each node's order. Not applicable (empty) when no node reports a durable
 * term; a missing samples file is unknown ("not run"), as for {@link ElectionSafety}; a damaged
 * line other than the last makes an otherwise clean result unknown.
 */
public final class DurableStateCheck {
  public static final String NAME = "durable-state";

  private DurableStateCheck() {}

  /** One sample's durable state. */
  record Durable(long term, String vote, long timeNanos, int line) {}

  /** A node whose durable state went back from {@code before} to {@code after}. */
  record Regression(String node, Durable before, Durable after) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", before.term() > after.term() ? "durable-term-went-back" : "durable-vote-changed");
      m.put("node", node);
      m.put("before", state(before));
      m.put("after", state(after));
      m.put("explanation", before.term() > after.term()
          ? node + " reported durable term " + before.term() + " at " + seconds(before) + " s and term "
              + after.term() + " at " + seconds(after) + " s: it lost a term (and the vote cast in it) that it had "
              + "acted upon as durable, so it may vote again in a term it already voted in"
          : node + " reported its durable vote in term " + before.term() + " as " + before.vote() + " at "
              + seconds(before) + " s and as " + after.vote() + " at " + seconds(after) + " s: one vote per term, "
              + "and it had already given this one");
      return m;
    }

    private static Map<String, Object> state(Durable d) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("term", d.term());
      m.put("vote", d.vote());
      m.put("at-s", seconds(d));
      m.put("line", d.line());
      return m;
    }

    private static double seconds(Durable d) {
      return Math.round(d.timeNanos() / 1e6) / 1e3;
    }
  }

  public static Optional<CheckResult> check(Path nodeStatusFile) throws IOException {
    if (!Files.isRegularFile(nodeStatusFile)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("reason", "not run: " + nodeStatusFile.getFileName() + " is missing from the run folder,"
          + " so whether nodes kept what they made durable was not checked");
      return Optional.of(new CheckResult(Verdict.UNKNOWN, details));
    }
    Map<String, Durable> highest = new HashMap<>();
    List<Regression> regressions = new ArrayList<>();
    int[] samples = {0};
    NodeStatusLines.Read read = NodeStatusLines.read(nodeStatusFile, (number, sample) -> {
      JsonNode term = sample.get("durableTerm");
      if (term == null || term.isNull()) {
        return true;
      }
      JsonNode node = sample.get("node");
      JsonNode time = sample.get("time");
      JsonNode vote = sample.get("durableVote");
      if (!term.isIntegralNumber() || node == null || !node.isTextual() || time == null || !time.isIntegralNumber()
          || (vote != null && !vote.isNull() && !vote.isTextual())) {
        return false;
      }
      samples[0]++;
      Durable now = new Durable(term.asLong(), vote == null || vote.isNull() ? null : vote.asText(), time.asLong(),
          number);
      Durable before = highest.get(node.asText());
      if (before != null && wentBack(before, now)) {
        regressions.add(new Regression(node.asText(), before, now));
        highest.put(node.asText(), now); // one report per loss, not one per later sample
      } else if (before == null || now.term() > before.term() || (before.vote() == null && now.vote() != null)) {
        highest.put(node.asText(), now);
      }
      return true;
    });
    List<Integer> damaged = read.damagedLines();
    boolean reported = samples[0] > 0;
    if (!reported && damaged.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("samples", samples[0]);
    details.put("nodes", highest.size());
    if (!regressions.isEmpty()) {
      details.put("anomaly-types", regressions.stream().map(r -> r.toJson().get("type")).distinct().toList());
      details.put("anomalies", regressions.stream().limit(20).map(Regression::toJson).toList());
      details.put("regressions", regressions.size());
      return Optional.of(new CheckResult(Verdict.INVALID, details));
    }
    boolean cutBeforeTheEnd = read.damagedBeforeTheEnd();
    if (!damaged.isEmpty()) {
      details.put("damaged-lines", damaged);
    }
    if (cutBeforeTheEnd || !reported) {
      details.put("reason", "node-status.jsonl has damaged lines (" + damaged + ") that may have held a regression");
      return Optional.of(new CheckResult(Verdict.UNKNOWN, details));
    }
    return Optional.of(new CheckResult(Verdict.VALID, details));
  }

  /** A lower term, or in the same term a vote that was given and is now another (or none). */
  static boolean wentBack(Durable before, Durable now) {
    if (now.term() < before.term()) {
      return true;
    }
    return now.term() == before.term() && before.vote() != null && !before.vote().equals(now.vote());
  }
}
