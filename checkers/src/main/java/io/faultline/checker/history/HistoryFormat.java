package io.faultline.checker.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 */
public enum HistoryFormat {
  JSONL("jsonl"),
  EDN("edn"),
  PORCUPINE_ETCD("porcupine-etcd"),
  PORCUPINE_KV("porcupine-kv");

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
    String first = "";
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      first = lines.map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith(";"))
          .findFirst().orElse("");
    } catch (java.io.UncheckedIOException e) {
      throw new HistoryFormatException(file, 0, "not UTF-8 text");
    }
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
    if (first.isEmpty() && name.endsWith(".log")) {
      return PORCUPINE_ETCD;
    }
    throw new HistoryFormatException(file, 1,
        "cannot tell the history format (not JSON Lines, EDN or a Porcupine log); name it with --format");
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
