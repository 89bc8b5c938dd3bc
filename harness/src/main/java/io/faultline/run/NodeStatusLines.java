package io.faultline.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checker.history.JsonValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code node-status.jsonl} line by line for the checkers that work from node status
 * samples: each JSON line goes to a visitor with its 1-based number; a line that is not JSON, or
 * that the visitor finds malformed, is recorded as damaged. Only the last line can be cut short
 * by a harness that died mid-write, so {@link Read#damagedBeforeTheEnd} tells a file that is not
 * what the sampler wrote.
 */
final class NodeStatusLines {
  private static final ObjectMapper JSON = JsonValues.mapper();

  private NodeStatusLines() {}

  /** Sees one sample; returns false when the line is malformed for what it reads. */
  @FunctionalInterface
  interface Visitor {
    boolean visit(int line, JsonNode sample);
  }

  /** How the read went: the damaged lines (1-based) and how many lines the file has. */
  record Read(List<Integer> damagedLines, int lines) {
    Read {
      damagedLines = List.copyOf(damagedLines);
    }

    boolean damagedBeforeTheEnd() {
      return damagedLines.stream().anyMatch(n -> n < lines);
    }
  }

  static Read read(Path file, Visitor visitor) throws IOException {
    List<Integer> damaged = new ArrayList<>();
    int number = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      while ((text = in.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        JsonNode sample;
        try {
          sample = JSON.readTree(text);
        } catch (IOException e) {
          damaged.add(number);
          continue;
        }
        if (!visitor.visit(number, sample)) {
          damaged.add(number);
        }
      }
    }
    return new Read(damaged, number);
  }
}
