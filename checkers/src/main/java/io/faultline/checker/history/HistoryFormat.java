package io.faultline.checker.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The history file formats the checkers read, with detection by extension and content. Each
 * format's reader keeps that format's meaning (see docs/history-formats.md): in particular
 * {@link #EDN} files come from Knossos, where an ok read of nil means "unknown value", see
 * {@link #nilReadMeansAnyValue()}.
 *
 * <p>Every reader refuses what it does not fully understand, with {@code file:line: what}: text
 * that is not UTF-8, text after a record, nesting deeper than {@link #MAX_NESTING_DEPTH}, an
 * index that is not the record's position (checkers/README.md, "Formats").
 */
public enum HistoryFormat {
  JSONL("jsonl"),
  EDN("edn"),
  PORCUPINE_ETCD("porcupine-etcd"),
  PORCUPINE_KV("porcupine-kv");

  /**
   * How deeply one record may nest: the record (a JSON object, an EDN map) is level 1, each list,
   * map, set or EDN tag inside it one more; an EDN history's enclosing vector does not count.
   * Real histories need a handful of levels (a txn's micro-op holding a list is 4); the cap keeps
   * every reader's recursion, and the converters and models after it, far from the stack's end.
   */
  public static final int MAX_NESTING_DEPTH = 100;

  private final String id;

  HistoryFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Knossos EDN histories say "read returned nil" for a read whose value is unknown. */
  public boolean nilReadMeansAnyValue() {
    return this == EDN;
  }

  /** The format named {@code id} (also accepts {@code porcupine-etcd-log}, etc.). */
  public static HistoryFormat byId(String id) {
    String norm = id.toLowerCase(Locale.ROOT).replaceFirst("-log$", "");
    if (norm.equals("knossos-edn")) {
      return EDN;
    }
    for (HistoryFormat f : values()) {
      if (f.id.equals(norm)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown history format '" + id + "'; valid formats: "
        + Arrays.stream(values()).map(HistoryFormat::id).collect(Collectors.joining(", ")));
  }

  /** Guesses the format from the file name, then from its first non-blank line. */
  public static HistoryFormat detect(Path file) throws IOException, HistoryFormatException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".json")) {
      return JSONL;
    }
    if (name.endsWith(".edn")) {
      return EDN;
    }
    FirstLine line = FirstLine.of(file);
    String first = line.text();
    if (first.startsWith("INFO") && first.contains("jepsen.util")) {
      return PORCUPINE_ETCD;
    }
    if (first.startsWith("{\"") ) {
      return JSONL;
    }
    if (first.startsWith("{:") && first.contains(":key ")
        && first.matches(".*:f :(get|put|append).*")) {
      return PORCUPINE_KV;
    }
    if (first.startsWith("{:") || first.startsWith("[") || first.startsWith("(")) {
      return EDN;
    }
    if (first.isEmpty()) {
      // Nothing but blanks: the empty history in every format. Only comments: EDN's.
      return line.comments() ? EDN : name.endsWith(".log") ? PORCUPINE_ETCD : JSONL;
    }
    throw new HistoryFormatException(file, line.number(),
        "cannot tell the history format (not JSON Lines, EDN or a Porcupine log); name it with --format");
  }

  /**
   * The first line that is neither blank nor an EDN comment, trimmed ("" when there is none), its
   * number, and whether comment lines came before it.
   */
  private record FirstLine(String text, int number, boolean comments) {
    static FirstLine of(Path file) throws IOException, HistoryFormatException {
      boolean comments = false;
      try (InputStream in = Files.newInputStream(file)) {
        Utf8Lines lines = Utf8Lines.of(file.toString(), in);
        for (String line = lines.next(); line != null; line = lines.next()) {
          String t = line.trim();
          if (t.startsWith(";")) {
            comments = true;
          } else if (!t.isEmpty()) {
            return new FirstLine(t, lines.number(), comments);
          }
        }
        return new FirstLine("", 0, comments);
      }
    }
  }

  /** Reads {@code file} in this format. */
  public History read(Path file, boolean independentKeys) throws IOException, HistoryFormatException {
    return switch (this) {
      case JSONL -> JsonlHistoryReader.read(file);
      case EDN -> EdnHistoryReader.read(file, independentKeys);
      case PORCUPINE_ETCD -> PorcupineEtcdReader.read(file);
      case PORCUPINE_KV -> EdnHistoryReader.read(file, false);
    };
  }
}
