package io.faultline.hunt;

import io.faultline.nemesis.NemesisKind;
import io.faultline.run.TestConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A named nemesis, in the spirit of Jepsen's combined nemesis packages: which fault kinds run
 * together, how often, the partition shapes and node targets they draw from (empty: the
 * planner's defaults for the cluster size), and whether partitions flap (move from one straight to
 * the next, see {@code --partition-flap}). A hunt rotates through packages so that each attempt
 * aims at another kind of weakness.
 *
 * @param name the name {@code --packages} takes
 * @param aim what it goes after, one line for help and reports
 */
public record NemesisPackage(String name, String aim, Set<NemesisKind> kinds, long intervalMillis,
    List<String> partitionShapes, boolean partitionFlap, List<String> nemesisTargets) {

  public NemesisPackage {
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("package " + name + ": no fault kinds");
    }
    if (partitionFlap && !kinds.contains(NemesisKind.PARTITION)) {
      throw new IllegalArgumentException("package " + name + ": flapping needs the partition nemesis");
    }
    kinds = Set.copyOf(EnumSet.copyOf(kinds));
    partitionShapes = List.copyOf(partitionShapes);
    nemesisTargets = List.copyOf(nemesisTargets);
  }

  /** {@code base} under this package's nemesis; everything else (system, seed, length...) kept. */
  public TestConfig applyTo(TestConfig base) {
    return base.withNemesis(EnumSet.copyOf(kinds), intervalMillis, partitionShapes, partitionFlap, nemesisTargets);
  }
}
