package io.faultline.report;

import static io.faultline.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.checker.history.JsonValues;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code results/index.html}: every run under the results root (a folder with a test.json or a
 * results.json), newest first, with its test, start time, system, nemesis, verdict and duration
 * (the last history event's time, read from the end of history.jsonl). A run without results.json
 * is listed as unfinished. Runs sort by their folder name, which is their UTC start stamp.
 */
public final class RunsIndex {
  private RunsIndex() {}

  /** One row. */
  record Row(String test, String stamp, String rel, String system, String nemesis, String verdict, String duration) {}

  public static void write(Path root) throws IOException {
    List<Row> rows = rows(root);
    StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Faultline runs</title>")
        .append(Html.STYLE).append("</head><body><h1>Faultline runs</h1><p>").append(rows.size()).append(" runs · ");
    if (Files.exists(root.resolve("latest"))) {
      h.append("<a href=\"latest/index.html\">latest run</a>");
    }
    h.append("</p><table><tr><th>time (UTC)</th><th>test</th><th>system</th><th>nemesis</th><th>verdict</th>"
        + "<th>duration</th></tr>");
    for (Row r : rows) {
      String css = switch (r.verdict()) {
        case "true" -> "valid";
        case "false" -> "invalid";
        case "unfinished" -> "";
        default -> "unknown";
      };
      String shown = switch (r.verdict()) {
        case "true" -> "valid";
        case "false" -> "INVALID";
        default -> r.verdict();
      };
      h.append("<tr><td><a href=\"").append(esc(r.rel())).append("/index.html\">").append(esc(r.stamp()))
          .append("</a></td><td>").append(esc(r.test())).append("</td><td>").append(esc(r.system())).append("</td><td>")
          .append(esc(r.nemesis())).append("</td><td class=\"").append(css).append("\">").append(esc(shown))
          .append("</td><td>").append(esc(r.duration())).append("</td></tr>");
    }
    h.append("</table></body></html>\n");
    Files.writeString(root.resolve("index.html"), h, StandardCharsets.UTF_8);
  }

  static List<Row> rows(Path root) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (Stream<Path> tests = Files.list(root)) {
      for (Path test : tests.filter(Files::isDirectory).filter(p -> !Files.isSymbolicLink(p)).toList()) {
        try (Stream<Path> runs = Files.list(test)) {
          for (Path run : runs.filter(Files::isDirectory).toList()) {
            if (Files.isRegularFile(run.resolve("results.json")) || Files.isRegularFile(run.resolve("test.json"))) {
              rows.add(row(root, run));
            }
          }
        }
      }
    }
    rows.sort(Comparator.comparing(Row::stamp).reversed().thenComparing(Row::test));
    return rows;
  }

  private static Row row(Path root, Path run) {
    JsonNode test = read(run.resolve("test.json"));
    JsonNode results = read(run.resolve("results.json"));
    String verdict = results == null ? (Files.exists(run.resolve("results.json")) ? "unreadable" : "unfinished")
        : results.path("valid").asText("unknown");
    String stamp = run.getFileName().toString();
    if (stamp.matches("\\d{8}T\\d{6}\\.\\d{3}")) {
      stamp = stamp.substring(0, 4) + "-" + stamp.substring(4, 6) + "-" + stamp.substring(6, 8) + " "
          + stamp.substring(9, 11) + ":" + stamp.substring(11, 13) + ":" + stamp.substring(13);
    }
    return new Row(run.getParent().getFileName().toString(), stamp, root.relativize(run).toString().replace('\\', '/'),
        text(test, "system"), text(test, "nemesis"), verdict, duration(run.resolve("history.jsonl")));
  }

  private static String text(JsonNode node, String field) {
    return node == null || node.path(field).isMissingNode() || node.path(field).isNull() ? "" : node.path(field).asText();
  }

  private static JsonNode read(Path file) {
    try {
      return Files.isRegularFile(file) ? JsonValues.mapper().readTree(file.toFile()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The time of the history's last complete line, read from the file's end. */
  static String duration(Path history) {
    if (!Files.isRegularFile(history)) {
      return "";
    }
    try (RandomAccessFile f = new RandomAccessFile(history.toFile(), "r")) {
      long len = f.length();
      int n = (int) Math.min(len, 16_384);
      byte[] tail = new byte[n];
      f.seek(len - n);
      f.readFully(tail);
      String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        try {
          JsonNode op = JsonValues.mapper().readTree(lines[i]);
          if (op != null && op.has("time")) {
            return String.format(Locale.ROOT, "%.1f s", op.get("time").asLong() / 1e9);
          }
        } catch (IOException e) {
          // a torn or partial line: try the one before
        }
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }
}
