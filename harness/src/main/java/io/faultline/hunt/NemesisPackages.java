package io.faultline.hunt;

import io.faultline.nemesis.NemesisKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The packages a hunt rotates through, in order. Each fires a fault every few seconds (a 30 s
 * attempt sees about ten), several times the rate of {@code faultline test}'s default, because a
 * consensus bug needs the protocol taken through elections, truncations and recoveries many times
 * before one of them lines up with the bug's window.
 */
public final class NemesisPackages {
  private NemesisPackages() {}

  /** Every package, in rotation order. */
  public static final List<NemesisPackage> ALL = List.of(
      new NemesisPackage("leaders",
          "leader churn with uneven latency and partitions that corner the leader: leaders that come and go before "
              + "they replicate, stale leaders that come back",
          EnumSet.of(NemesisKind.CHURN, NemesisKind.LATENCY, NemesisKind.PARTITION), 4_000,
          List.of("isolate-leader", "leader-minority"), false, List.of()),
      new NemesisPackage("crashes",
          "kills (power loss of a minority, a majority or all nodes at once) and pauses: durability, recovery and "
              + "de-duplication across restarts",
          EnumSet.of(NemesisKind.KILL, NemesisKind.PAUSE), 3_000, List.of(), false, List.of()),
      new NemesisPackage("partitions",
          "every partition shape, quickly one after another: quorum arithmetic, log matching, elections",
          EnumSet.of(NemesisKind.PARTITION), 3_000, List.of(), false, List.of()),
      new NemesisPackage("flapping",
          "the leader cut off again and again, each new leader in its turn, with no calm in between: three "
              + "leaderships in a row over the same indices (Raft's figure 8), truncation of uncommitted entries",
          EnumSet.of(NemesisKind.PARTITION), 1_500, List.of("isolate-leader", "leader-minority"), true, List.of()),
      new NemesisPackage("clocks",
          "clock jumps and strobes on a minority, a majority or the leader, with partitions: timers, leases, "
              + "reads that trust a clock",
          EnumSet.of(NemesisKind.CLOCK, NemesisKind.PARTITION), 2_000, List.of(), false,
          List.of("minority", "majority", "leader")),
      new NemesisPackage("mixed",
          "partitions, kills, pauses, clock changes and leader churn together",
          EnumSet.of(NemesisKind.PARTITION, NemesisKind.KILL, NemesisKind.PAUSE, NemesisKind.CLOCK, NemesisKind.CHURN),
          5_000, List.of(), false, List.of()));

  public static List<String> names() {
    return ALL.stream().map(NemesisPackage::name).toList();
  }

  /**
   * The packages named, in the order given; an unknown name is an {@link IllegalArgumentException}
   * naming it and the allowed ones.
   */
  public static List<NemesisPackage> parse(List<String> names) {
    List<NemesisPackage> chosen = new ArrayList<>();
    for (String raw : names) {
      String name = raw.strip();
      NemesisPackage p = ALL.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("unknown package '" + name + "' (allowed: " + String.join(", ", names()) + ")"));
      if (chosen.contains(p)) {
        throw new IllegalArgumentException("package '" + name + "' named twice");
      }
      chosen.add(p);
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("no package named");
    }
    return List.copyOf(chosen);
  }
}
