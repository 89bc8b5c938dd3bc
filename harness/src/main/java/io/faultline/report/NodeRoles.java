package io.faultline.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checker.history.JsonValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The nodes' sampled status ({@code node-status.jsonl}, written by the run's status sampler) as
 * role segments per node: consecutive samples with the same role merge into one segment lasting
 * until the node's next sample of another role. Also the leaders seen per term, which is where a
 * split brain shows (two nodes calling themselves leader of one term).
 */
public final class NodeRoles {
  private NodeRoles() {}

  /** One sample: time on the history's clock (ns), node, role ({@code down} = no answer), term, leader. */
  public record Sample(long time, String node, String role, Long term, String leader) {}

  /** A node held {@code role} from {@code start} to {@code end} (ns). */
  public record Segment(String node, String role, long start, long end, Long term) {}

  /** Reads the samples; unreadable lines are skipped (the report draws what it can). */
  public static List<Sample> read(Path file) throws IOException {
    List<Sample> samples = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return samples;
    }
    ObjectMapper json = JsonValues.mapper();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        try {
          JsonNode n = json.readTree(line);
          if (n == null || !n.hasNonNull("time") || !n.hasNonNull("node")) {
            continue;
          }
          samples.add(new Sample(n.get("time").asLong(), n.get("node").asText(),
              n.hasNonNull("role") ? n.get("role").asText() : "unknown",
              n.hasNonNull("term") && n.get("term").canConvertToLong() ? n.get("term").asLong() : null,
              n.hasNonNull("leader") ? n.get("leader").asText() : null));
        } catch (IOException e) {
          // a torn last line after a crash
        }
      }
    }
    return samples;
  }

  /** Role segments per node (nodes in name order), each ending at the node's next change or {@code end}. */
  public static Map<String, List<Segment>> segments(List<Sample> samples, long end) {
    Map<String, List<Sample>> byNode = new TreeMap<>();
    for (Sample s : samples) {
      byNode.computeIfAbsent(s.node(), n -> new ArrayList<>()).add(s);
    }
    Map<String, List<Segment>> out = new TreeMap<>();
    byNode.forEach((node, list) -> {
      list.sort(Comparator.comparingLong(Sample::time));
      List<Segment> segs = new ArrayList<>();
      Sample open = list.get(0);
      for (Sample s : list) {
        if (!s.role().equals(open.role()) || !java.util.Objects.equals(s.term(), open.term())) {
          segs.add(new Segment(node, open.role(), open.time(), s.time(), open.term()));
          open = s;
        }
      }
      segs.add(new Segment(node, open.role(), open.time(), Math.max(end, list.get(list.size() - 1).time()),
          open.term()));
      out.put(node, segs);
    });
    return out;
  }

  /** For each term, the nodes that said they were its leader (by their own role) — sorted. */
  public static Map<Long, TreeSet<String>> leadersByTerm(List<Sample> samples) {
    Map<Long, TreeSet<String>> out = new TreeMap<>();
    for (Sample s : samples) {
      if ("leader".equals(s.role()) && s.term() != null) {
        out.computeIfAbsent(s.term(), t -> new TreeSet<>()).add(s.node());
      }
    }
    return out;
  }

  /** True when at least one sample was answered (a system without the status endpoint has none). */
  public static boolean anyAnswered(List<Sample> samples) {
    return samples.stream().anyMatch(s -> !"down".equals(s.role()));
  }
}
