package io.faultline.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The digest checkpoints read back from {@code node-status.jsonl}, each with the node and the time
 * it was sampled. A line that is not JSON, or whose {@code appliedDigests} is not a list of
 * {@code {"index": n, "digest": "..."}}, is damaged: its line number is kept and the rest still
 * counts. Only the last line can be cut short by a harness that died mid-write; a damaged line
 * elsewhere means the file itself is not what the sampler wrote.
 *
 * @param reported whether any line carried {@code appliedDigests} at all
 * @param damagedLines 1-based numbers of the damaged lines
 * @param lines how many lines the file has
 */
record DigestReports(List<Report> reports, boolean reported, List<Integer> damagedLines, int lines) {

  /** Node {@code node} said, in the sample taken at {@code timeNanos}, that its chain at {@code index} was {@code digest}. */
  record Report(String node, long index, String digest, long timeNanos) {}

  DigestReports {
    reports = List.copyOf(reports);
    damagedLines = List.copyOf(damagedLines);
  }

  /** Whether some damaged line is not the last one (the only one a crash can cut). */
  boolean damagedBeforeTheEnd() {
    return damagedLines.stream().anyMatch(n -> n < lines);
  }

  static DigestReports read(Path file) throws IOException {
    List<Report> reports = new ArrayList<>();
    boolean[] reported = {false};
    NodeStatusLines.Read read = NodeStatusLines.read(file, (number, sample) -> {
      JsonNode digests = sample.get("appliedDigests");
      if (digests == null) {
        return true;
      }
      reported[0] = true;
      List<Report> fromLine = reportsOf(sample, digests);
      if (fromLine == null) {
        return false;
      }
      reports.addAll(fromLine);
      return true;
    });
    return new DigestReports(reports, reported[0], read.damagedLines(), read.lines());
  }

  /** The line's reports, or null when any part of it is not what the sampler writes. */
  private static List<Report> reportsOf(JsonNode sample, JsonNode digests) {
    JsonNode node = sample.get("node");
    JsonNode time = sample.get("time");
    if (node == null || !node.isTextual() || time == null || !time.isIntegralNumber() || !digests.isArray()) {
      return null;
    }
    List<Report> out = new ArrayList<>(digests.size());
    for (JsonNode d : digests) {
      JsonNode index = d.get("index");
      JsonNode digest = d.get("digest");
      if (index == null || !index.isIntegralNumber() || digest == null || !digest.isTextual() || digest.asText().isEmpty()) {
        return null;
      }
      out.add(new Report(node.asText(), index.asLong(), digest.asText(), time.asLong()));
    }
    return out;
  }
}
