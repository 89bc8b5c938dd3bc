package io.faultline.nemesis;

import io.faultline.net.Partitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Chooses the next fault, pure apart from its seeded random stream: the same seed and the same
 * answers about the leader give the same fault schedule. Targets that depend on the cluster (the
 * current leader) are resolved from the {@code leader} argument, falling back to a random node.
 */
public final class NemesisPlanner {
  /** Every target a kill, pause or clock fault can name, in draw order (part of what a seed repeats). */
  public static final List<String> TARGETS = List.of("one", "minority", "majority", "all", "leader");
  /**
   * What a clock fault draws from unless told otherwise: skewing a majority or everyone is left
   * to {@code --nemesis-targets}, which also keeps the seeds' schedules as they were.
   */
  private static final List<String> CLOCK_TARGETS = List.of("one", "minority", "leader");
  /** Every partition shape, in draw order (the order is part of what a seed repeats). */
  public static final List<String> SHAPES = List.of("halves", "isolate-one", "isolate-leader", "majorities-ring",
      "bridge", "isolate-leader-pairs", "leader-minority");
  /**
   * Below five nodes the pairs shape leaves nobody a majority (it is "isolate everyone") and the
   * leader's minority is the leader alone (isolate-leader), so small clusters draw from the first
   * five only — which also keeps their seeds' schedules as they were.
   */
  private static final List<String> SMALL_CLUSTER_SHAPES = SHAPES.subList(0, 5);

  private final List<NemesisKind> kinds;
  private final List<String> nodes;
  private final List<String> shapes;
  private final List<String> targetChoice;
  private final SplittableRandom random;

  public NemesisPlanner(Set<NemesisKind> kinds, List<String> nodes, long seed) {
    this(kinds, nodes, seed, List.of());
  }

  /** With the default targets. */
  public NemesisPlanner(Set<NemesisKind> kinds, List<String> nodes, long seed, List<String> shapes) {
    this(kinds, nodes, seed, shapes, List.of());
  }

  /**
   * @param shapes the partition shapes to draw from (names from {@link #SHAPES}); empty for all
   *     that suit the cluster size
   * @param targets the targets kill, pause and clock faults draw from (names from {@link
   *     #TARGETS}); empty for the defaults (all of them for kill and pause; one, minority, leader
   *     for clock)
   */
  public NemesisPlanner(Set<NemesisKind> kinds, List<String> nodes, long seed, List<String> shapes,
      List<String> targets) {
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("a planner needs at least one nemesis kind");
    }
    for (String shape : shapes) {
      if (!SHAPES.contains(shape)) {
        throw new IllegalArgumentException(
            "unknown partition shape '" + shape + "' (allowed: " + String.join(", ", SHAPES) + ")");
      }
    }
    for (String target : targets) {
      if (!TARGETS.contains(target)) {
        throw new IllegalArgumentException(
            "unknown target '" + target + "' (allowed: " + String.join(", ", TARGETS) + ")");
      }
    }
    this.targetChoice = List.copyOf(targets);
    this.kinds = List.copyOf(kinds);
    this.nodes = List.copyOf(nodes);
    this.shapes = !shapes.isEmpty() ? List.copyOf(shapes) : nodes.size() >= 5 ? SHAPES : SMALL_CLUSTER_SHAPES;
    this.random = new SplittableRandom(seed ^ 0x6E656D65736973L);
  }

  public Fault next(Optional<String> leader) {
    NemesisKind kind = kinds.get(random.nextInt(kinds.size()));
    switch (kind) {
      case PARTITION:
        return partition(leader);
      case KILL:
        String killTarget = drawTarget(TARGETS);
        return new Fault.Kill(killTarget, targets(killTarget, leader));
      case PAUSE:
        String pauseTarget = drawTarget(TARGETS);
        return new Fault.Pause(pauseTarget, targets(pauseTarget, leader));
      case CLOCK:
        return clock(leader);
      case LATENCY:
        return latency();
      case CHURN:
        return new Fault.Churn(random.nextBoolean() ? "kill" : "pause", 50 + random.nextInt(451), random.nextLong());
      default:
        throw new IllegalStateException("unknown nemesis kind " + kind);
    }
  }

  private Fault partition(Optional<String> leader) {
    String shape = shapes.get(random.nextInt(shapes.size()));
    switch (shape) {
      case "halves":
        return new Fault.Partition(shape, Partitions.randomHalves(nodes, random));
      case "isolate-one":
        return new Fault.Partition(shape, Partitions.isolate(nodes, pick(nodes)));
      case "isolate-leader":
        String victim = leader.filter(nodes::contains).orElseGet(() -> pick(nodes));
        return new Fault.Partition(shape, Partitions.isolate(nodes, victim));
      case "isolate-leader-pairs":
        String isolated = leader.filter(nodes::contains).orElseGet(() -> pick(nodes));
        return new Fault.Partition(shape, Partitions.isolateLeaderAndPairs(nodes, isolated, random));
      case "leader-minority":
        String cornered = leader.filter(nodes::contains).orElseGet(() -> pick(nodes));
        return new Fault.Partition(shape, Partitions.leaderMinority(nodes, cornered, random));
      case "majorities-ring":
        return new Fault.Partition(shape, Partitions.majoritiesRing(nodes, random));
      default:
        return new Fault.Partition(shape, Partitions.bridge(nodes, random));
    }
  }

  /**
   * Half the time the same latency on every link; otherwise uneven: each directed link is either
   * fast (under 10 ms) or slow (the base to twice it), drawn independently.
   */
  private Fault latency() {
    long base = 50 + random.nextInt(200);
    long jitter = 10 + random.nextInt(50);
    if (random.nextBoolean()) {
      return new Fault.Latency(base, jitter);
    }
    Map<String, Long> perLink = new TreeMap<>();
    for (String from : nodes) {
      for (String to : nodes) {
        if (!from.equals(to)) {
          perLink.put(from + "->" + to, random.nextBoolean() ? (long) random.nextInt(10) : base + random.nextInt((int) base));
        }
      }
    }
    return new Fault.Latency(2 * base, Math.min(jitter, 9), perLink);
  }

  private Fault clock(Optional<String> leader) {
    List<String> victims = targets(drawTarget(CLOCK_TARGETS), leader);
    long magnitude = 200 + random.nextInt(9_800);
    long offset = random.nextBoolean() ? magnitude : -magnitude;
    switch (random.nextInt(3)) {
      case 0:
        return new Fault.ClockChange("bump", victims, offset, 1.0, 0, 0);
      case 1:
        return new Fault.ClockChange("strobe", victims, offset, 1.0, 10 + random.nextInt(90), 2_000);
      default:
        double rate = random.nextBoolean() ? 1.5 + random.nextDouble() : 0.25 + random.nextDouble() * 0.5;
        return new Fault.ClockChange("skew", victims, 0, rate, 0, 0);
    }
  }

  /** Resolves a target name to nodes; {@code leader} without a known leader is a random node. */
  List<String> targets(String target, Optional<String> leader) {
    List<String> shuffled = new ArrayList<>(nodes);
    for (int i = shuffled.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String t = shuffled.get(i);
      shuffled.set(i, shuffled.get(j));
      shuffled.set(j, t);
    }
    int n = nodes.size();
    switch (target) {
      case "one":
        return List.of(shuffled.get(0));
      case "minority":
        return sorted(shuffled.subList(0, Math.max(1, (n - 1) / 2)));
      case "majority":
        return sorted(shuffled.subList(0, n / 2 + 1));
      case "all":
        return sorted(shuffled);
      case "leader":
        return List.of(leader.filter(nodes::contains).orElse(shuffled.get(0)));
      default:
        throw new IllegalArgumentException("unknown target " + target);
    }
  }

  private String drawTarget(List<String> defaults) {
    return pick(targetChoice.isEmpty() ? defaults : targetChoice);
  }

  private String pick(List<String> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static List<String> sorted(List<String> l) {
    List<String> c = new ArrayList<>(l);
    c.sort(null);
    return c;
  }
}
