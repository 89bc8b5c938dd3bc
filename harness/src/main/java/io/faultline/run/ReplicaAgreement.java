package io.faultline.run;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Replicas must apply the same command at the same log index. Nodes that report
 * {@code appliedDigests} (checkpoints of a digest chain over everything they applied; the bundled
 * node does) let that be checked directly from {@code node-status.jsonl}, for every run: two
 * different digests for one index — from two nodes, or from one node at two times — mean the
 * applied logs differ at or below that index. A broken log-matching or commit rule, a lost fsync
 * of the log or an election that should not have been won shows here even when no client read
 * lands on the diverged node.
 *
 * <p>Each digest covers the whole prefix, so once two nodes differ they differ at every later
 * checkpoint; an anomaly is reported at the first index where a pair of nodes (or a node and its
 * own earlier word) is seen to disagree, and the rest are only counted.
 *
 * <p>Not applicable (empty) when no node reports digests. A missing samples file is unknown ("not
 * run"), as for {@link ElectionSafety}. A damaged line other than the last (the only one a dying
 * harness can cut) makes an otherwise clean result unknown, since it might have held the
 * disagreement; a disagreement found elsewhere is invalid regardless.
 */
public final class ReplicaAgreement {
  public static final String NAME = "replica-agreement";
  private static final int DIGEST_CHARS_SHOWN = 12;

  private ReplicaAgreement() {}

  /** One digest seen at an index, and when each node that reported it first did. */
  record DigestClass(String digest, TreeMap<String, Long> firstReported) {}

  /** Two or more digests at one index, reported first for a pair of nodes not seen disagreeing before. */
  record Divergence(long index, List<DigestClass> classes, long observableAtNanos) {}

  public static Optional<CheckResult> check(Path nodeStatusFile) throws IOException {
    if (!Files.isRegularFile(nodeStatusFile)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("reason", "not run: " + nodeStatusFile.getFileName() + " is missing from the run folder,"
          + " so whether replicas applied the same commands was not checked");
      return Optional.of(new CheckResult(Verdict.UNKNOWN, details));
    }
    DigestReports read = DigestReports.read(nodeStatusFile);
    if (!read.reported()) {
      return Optional.empty();
    }
    // index -> digest -> node -> first time reported
    TreeMap<Long, Map<String, TreeMap<String, Long>>> byIndex = new TreeMap<>();
    Set<String> nodes = new TreeSet<>();
    for (DigestReports.Report r : read.reports()) {
      nodes.add(r.node());
      byIndex.computeIfAbsent(r.index(), i -> new TreeMap<>())
          .computeIfAbsent(r.digest(), d -> new TreeMap<>())
          .merge(r.node(), r.timeNanos(), Math::min);
    }
    int compared = 0;
    int diverged = 0;
    List<Divergence> divergences = new ArrayList<>();
    Set<String> pairsSeen = new HashSet<>();
    for (Map.Entry<Long, Map<String, TreeMap<String, Long>>> e : byIndex.entrySet()) {
      Set<String> reporters = new HashSet<>();
      e.getValue().values().forEach(m -> reporters.addAll(m.keySet()));
      if (reporters.size() > 1 || e.getValue().size() > 1) {
        compared++;
      }
      if (e.getValue().size() > 1) {
        diverged++;
        List<DigestClass> classes = new ArrayList<>();
        e.getValue().forEach((digest, first) -> classes.add(new DigestClass(digest, first)));
        if (pairsSeen.addAll(disagreeingPairs(classes))) {
          divergences.add(new Divergence(e.getKey(), classes, observableAt(classes)));
        }
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("nodes-reporting", List.copyOf(nodes));
    details.put("checkpoints-reported", read.reports().size());
    details.put("indices-compared", compared);
    if (!byIndex.isEmpty()) {
      details.put("highest-index", byIndex.lastKey());
    }
    if (!read.damagedLines().isEmpty()) {
      details.put("damaged-lines", read.damagedLines());
    }
    if (!divergences.isEmpty()) {
      details.put("diverged-indices", diverged);
      details.put("first-diverged-index", divergences.get(0).index());
      details.put("anomalies", divergences.stream().map(ReplicaAgreement::toJson).toList());
      return Optional.of(new CheckResult(Verdict.INVALID, details));
    }
    if (read.damagedBeforeTheEnd()) {
      details.put("reason", "line(s) " + read.damagedLines() + " of " + nodeStatusFile.getFileName()
          + " are damaged and not only the last, which a crash can cut: a disagreement there would be missed");
      return Optional.of(new CheckResult(Verdict.UNKNOWN, details));
    }
    if (compared == 0) {
      details.put("note", "no index was reported by two nodes, so nothing was compared");
    }
    return Optional.of(new CheckResult(Verdict.VALID, details));
  }

  /** Node pairs ("a|b", sorted) in different classes; "a|a" for a node in two classes. */
  private static Set<String> disagreeingPairs(List<DigestClass> classes) {
    Set<String> pairs = new HashSet<>();
    for (int i = 0; i < classes.size(); i++) {
      for (int j = i + 1; j < classes.size(); j++) {
        for (String a : classes.get(i).firstReported().keySet()) {
          for (String b : classes.get(j).firstReported().keySet()) {
            pairs.add(a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a);
          }
        }
      }
    }
    return pairs;
  }

  /** When two different digests for the index had both been reported: the second-earliest class. */
  private static long observableAt(List<DigestClass> classes) {
    List<Long> firsts = new ArrayList<>();
    classes.forEach(c -> firsts.add(Collections.min(c.firstReported().values())));
    Collections.sort(firsts);
    return firsts.get(1);
  }

  private static Map<String, Object> toJson(Divergence d) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("type", "replicas-diverged");
    a.put("index", d.index());
    List<Object> digests = new ArrayList<>();
    for (DigestClass c : d.classes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("digest", c.digest());
      m.put("nodes", List.copyOf(c.firstReported().keySet()));
      Map<String, Object> seconds = new LinkedHashMap<>();
      c.firstReported().forEach((n, nanos) -> seconds.put(n, nanos / 1e9));
      m.put("first-reported-at-s", seconds);
      digests.add(m);
    }
    a.put("digests", digests);
    a.put("at-s", d.observableAtNanos() / 1e9); // where the report opens the history
    a.put("explanation", explain(d));
    return a;
  }

  /** "at applied index 48 the replicas differ: n1 reports 9f3a0c1d2e4b…, n2 and n3 report 11bc…". */
  static String explain(Divergence d) {
    StringBuilder sb = new StringBuilder("at applied index ").append(d.index())
        .append(" the replicas' digests differ, so they applied different commands at or below it: ");
    Map<String, Integer> classesOfNode = new TreeMap<>();
    for (int i = 0; i < d.classes().size(); i++) {
      DigestClass c = d.classes().get(i);
      List<String> ns = List.copyOf(c.firstReported().keySet());
      ns.forEach(n -> classesOfNode.merge(n, 1, Integer::sum));
      sb.append(i == 0 ? "" : "; ").append(names(ns))
          .append(ns.size() == 1 ? " reports " : " report ").append(shorten(c.digest()));
    }
    classesOfNode.forEach((n, count) -> {
      if (count > 1) {
        sb.append(" (").append(n).append(" reported both, at different times: after an earlier report it applied"
            + " something else at or below this index)");
      }
    });
    return sb.toString();
  }

  /** "n1", "n1 and n2", "n1, n2 and n3". */
  static String names(List<String> nodes) {
    if (nodes.size() == 1) {
      return nodes.get(0);
    }
    return String.join(", ", nodes.subList(0, nodes.size() - 1)) + " and " + nodes.get(nodes.size() - 1);
  }

  private static String shorten(String digest) {
    return digest.length() <= DIGEST_CHARS_SHOWN ? digest : digest.substring(0, DIGEST_CHARS_SHOWN) + "…";
  }
}
