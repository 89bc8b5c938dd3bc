package io.faultline.checker.bench;

import io.faultline.checker.history.HistoryFormat;
import io.faultline.checker.model.Model;
import io.faultline.checker.model.Models;
import io.faultline.checker.model.ReadNil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The recorded histories with known verdicts in {@code shared/data/histories/MANIFEST.tsv}, each
 * with the format and model (initial state, meaning of nil reads) its verdict assumes. Used by the
 * benchmark and the verdict tests.
 */
public final class Corpus {
  /** One MANIFEST row. {@code expected} is valid, invalid or unknown. */
  public record Entry(Path file, String relative, HistoryFormat format, String modelColumn, String expected) {

    /** The model this file's verdict is stated for. */
    public Model<?, ?> model() {
      if (modelColumn.startsWith("etcd")) {
        return Models.create("etcd", null, ReadNil.EMPTY);
      }
      if (modelColumn.startsWith("kv")) {
        return Models.create("kv", "", ReadNil.EMPTY);
      }
      if (modelColumn.startsWith("knossos-cas-register")) {
        return Models.create("cas-register", 0L, ReadNil.ANY);
      }
      if (modelColumn.startsWith("knossos-multi-register")) {
        return Models.create("multi-register", Map.of("x", 0L, "y", 0L), ReadNil.ANY);
      }
      if (modelColumn.startsWith("knossos-mutex")) {
        return Models.create("mutex", null, ReadNil.ANY);
      }
      throw new IllegalArgumentException("no model for MANIFEST model column '" + modelColumn + "'");
    }
  }

  private Corpus() {}

  /** Reads {@code <shared>/data/histories/MANIFEST.tsv}. */
  public static List<Entry> load(Path shared) throws IOException {
    Path dir = shared.resolve("data/histories");
    List<String> lines = Files.readAllLines(dir.resolve("MANIFEST.tsv"));
    List<Entry> entries = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] c = line.split("\t");
      entries.add(new Entry(dir.resolve(c[0]), c[0], HistoryFormat.byId(c[1]), c[2], c[3]));
    }
    return entries;
  }
}
