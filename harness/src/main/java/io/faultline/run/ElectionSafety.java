package io.faultline.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.JsonValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Raft's Election Safety — at most one leader per term — checked from the node status samples of
 * a run ({@code node-status.jsonl}). Nodes that report {@code ledTerms} (the terms they have led
 * since they started; the bundled Raft node does) make the check exact however briefly two leaders
 * overlapped: the sampler only has to see each node once afterwards. Two leaders of one term can
 * commit different entries at one index; a client history shows that only if a later read happens
 * to land on the lost write, so the protocol property is checked directly as well.
 *
 * <p>Not applicable (empty) to systems that do not report {@code ledTerms}: a Multi-Paxos round
 * or a user's own "term" need not name a single leader. A run folder without
 * {@code node-status.jsonl} (every run writes one) cannot tell whether it applied, so that is
 * unknown with a "not run" reason, never a checker silently left out.
 */
public final class ElectionSafety {
  public static final String NAME = "election-safety";
  private static final ObjectMapper JSON = JsonValues.mapper();

  private ElectionSafety() {}

  /**
   * The check over a run's samples; empty when no node reported the terms it led; unknown when
   * the samples file is missing.
   */
  public static Optional<CheckResult> check(Path nodeStatusFile) throws IOException {
    if (!Files.isRegularFile(nodeStatusFile)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("reason", "not run: " + nodeStatusFile.getFileName() + " is missing from the run folder,"
          + " so whether two nodes led one term was not checked");
      return Optional.of(new CheckResult(Verdict.UNKNOWN, details));
    }
    // term -> each node that listed it -> when it first did (ns on the history's clock)
    Map<Long, TreeMap<String, Long>> leaders = new TreeMap<>();
    boolean reported = false;
    try (BufferedReader in = Files.newBufferedReader(nodeStatusFile, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode sample;
        try {
          sample = JSON.readTree(line);
        } catch (IOException e) {
          continue; // a line cut short when the harness died: the rest still counts
        }
        JsonNode led = sample.get("ledTerms");
        if (led == null || !led.isArray() || !sample.hasNonNull("node")) {
          continue;
        }
        reported = true;
        String node = sample.get("node").asText();
        long time = sample.path("time").asLong();
        for (JsonNode t : led) {
          leaders.computeIfAbsent(t.asLong(), k -> new TreeMap<>()).putIfAbsent(node, time);
        }
      }
    }
    if (!reported) {
      return Optional.empty();
    }
    List<Object> anomalies = new ArrayList<>();
    leaders.forEach((term, firstSeen) -> {
      if (firstSeen.size() > 1) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", "two-leaders-in-one-term");
        a.put("term", term);
        a.put("leaders", List.copyOf(firstSeen.keySet()));
        Map<String, Object> seconds = new LinkedHashMap<>();
        firstSeen.forEach((n, nanos) -> seconds.put(n, nanos / 1e9));
        a.put("first-reported-at-s", seconds);
        a.put("at-s", java.util.Collections.min(firstSeen.values()) / 1e9); // where the report opens the history
        a.put("explanation", leadersOf(List.copyOf(firstSeen.keySet())) + " of term " + term
            + " (each reports having led it in /admin/status)");
        anomalies.add(a);
      }
    });
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("terms-led", leaders.size());
    if (!anomalies.isEmpty()) {
      details.put("anomalies", anomalies);
    }
    return Optional.of(new CheckResult(anomalies.isEmpty() ? Verdict.VALID : Verdict.INVALID, details));
  }

  /** "n1 and n3 were both leader", "n2, n3 and n5 were all leaders". */
  static String leadersOf(List<String> nodes) {
    if (nodes.size() == 2) {
      return nodes.get(0) + " and " + nodes.get(1) + " were both leader";
    }
    return String.join(", ", nodes.subList(0, nodes.size() - 1)) + " and " + nodes.get(nodes.size() - 1)
        + " were all leaders";
  }
}
