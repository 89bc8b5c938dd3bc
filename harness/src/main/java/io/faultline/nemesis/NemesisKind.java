package io.faultline.nemesis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The nemesis families {@code --nemesis} composes. */
public enum NemesisKind {
  PARTITION,
  KILL,
  PAUSE,
  CLOCK,
  LATENCY,
  /** Leader churn ({@link Fault.Churn}): whichever node leads is taken down, again and again. */
  CHURN;

  /** Whether its faults hit chosen nodes (and so take {@code --nemesis-targets}). */
  public boolean targetsNodes() {
    return this == KILL || this == PAUSE || this == CLOCK;
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** All names accepted by {@code --nemesis}, including {@code none}. */
  public static List<String> cliNames() {
    List<String> names = new ArrayList<>();
    for (NemesisKind k : values()) {
      names.add(k.cliName());
    }
    names.add("none");
    return names;
  }

  /**
   * Parses {@code partition,kill,clock}; {@code none} (alone) or an empty string is no nemesis.
   *
   * @throws IllegalArgumentException naming the bad entry and the allowed values
   */
  public static Set<NemesisKind> parse(String list) {
    Set<NemesisKind> kinds = EnumSet.noneOf(NemesisKind.class);
    if (list.isBlank() || list.trim().equalsIgnoreCase("none")) {
      return kinds;
    }
    for (String raw : list.split(",", -1)) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty entry in '" + list + "'");
      }
      if (name.equals("none")) {
        throw new IllegalArgumentException("'none' cannot be combined with other nemeses ('" + list + "')");
      }
      NemesisKind kind = Arrays.stream(values()).filter(k -> k.cliName().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown nemesis '" + raw.trim() + "' (allowed: "
              + String.join(", ", cliNames()) + ")"));
      if (!kinds.add(kind)) {
        throw new IllegalArgumentException("'" + name + "' given twice in '" + list + "'");
      }
    }
    return kinds;
  }

  public static String format(Set<NemesisKind> kinds) {
    return kinds.isEmpty() ? "none" : kinds.stream().map(NemesisKind::cliName).collect(Collectors.joining(","));
  }
}
