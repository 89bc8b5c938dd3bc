package io.faultline.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The partition shapes of Jepsen's nemesis library as pure functions from nodes (and a random
 * stream) to a {@link Grudge}.
 */
public final class Partitions {
  private Partitions() {}

  /** Shuffled nodes split into a smaller and a larger half. */
  public static Grudge randomHalves(List<String> nodes, RandomGenerator random) {
    List<String> shuffled = shuffle(nodes, random);
    int cut = shuffled.size() / 2;
    return Grudge.components(List.of(shuffled.subList(0, cut), shuffled.subList(cut, shuffled.size())));
  }

  /** One node cut off from all others. */
  public static Grudge isolate(List<String> nodes, String node) {
    List<String> rest = new ArrayList<>(nodes);
    rest.remove(node);
    return Grudge.components(List.of(List.of(node), rest));
  }

  /**
   * Majorities ring: every node hears a majority (itself and its nearest neighbours on a shuffled
   * ring), but no two nodes hear the same majority, so no majority agrees on who is up.
   */
  public static Grudge majoritiesRing(List<String> nodes, RandomGenerator random) {
    List<String> ring = shuffle(nodes, random);
    int n = ring.size();
    int majority = n / 2 + 1;
    Map<String, Set<String>> g = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Set<String> hears = new HashSet<>();
      // The node at i hears a window of `majority` nodes centred on itself.
      for (int d = -(majority - 1) / 2; hears.size() < majority; d++) {
        hears.add(ring.get(Math.floorMod(i + d, n)));
      }
      Set<String> deaf = new HashSet<>(ring);
      deaf.removeAll(hears);
      g.put(ring.get(i), deaf);
    }
    return new Grudge(g);
  }

  /**
   * Bridge: two halves that cannot hear each other, except one node in the middle that hears and
   * is heard by both.
   */
  public static Grudge bridge(List<String> nodes, RandomGenerator random) {
    List<String> shuffled = shuffle(nodes, random);
    int n = shuffled.size();
    String bridge = shuffled.get(n / 2);
    List<String> left = shuffled.subList(0, n / 2);
    List<String> right = shuffled.subList(n / 2 + 1, n);
    Map<String, Set<String>> g = new HashMap<>();
    for (String a : left) {
      g.put(a, new HashSet<>(right));
    }
    for (String b : right) {
      g.put(b, new HashSet<>(left));
    }
    g.put(bridge, Set.of());
    return new Grudge(g);
  }

  /**
   * The leader isolated and the others cut in pairs: each remaining node cannot hear (nor be heard
   * by) its partner but hears everyone else. With five nodes every survivor still hears a
   * majority, so two partners can each win an election; they never hear each other, so a protocol
   * that lets one voter back both (two leaders of one term) keeps both leaders for the whole
   * fault instead of for one heartbeat. A correct protocol elects one of them and stays available.
   * With an odd number of survivors the one left over hears everyone.
   */
  public static Grudge isolateLeaderAndPairs(List<String> nodes, String leader, RandomGenerator random) {
    List<String> rest = new ArrayList<>(nodes);
    rest.remove(leader);
    List<String> shuffled = shuffle(rest, random);
    Map<String, Set<String>> g = new HashMap<>();
    for (String n : rest) {
      g.put(n, new HashSet<>(Set.of(leader)));
    }
    g.put(leader, new HashSet<>(rest));
    for (int i = 0; i + 1 < shuffled.size(); i += 2) {
      g.get(shuffled.get(i)).add(shuffled.get(i + 1));
      g.get(shuffled.get(i + 1)).add(shuffled.get(i));
    }
    return new Grudge(g);
  }

  /**
   * The largest minority that contains the leader, cut from the rest: with five nodes the leader
   * and one follower against three. The pair can still append but must not commit (two of five is
   * no majority), while the three elect a new leader and commit over the same indices; a protocol
   * that counts its quorum wrong, or a leader that answers reads without confirming it still
   * leads, is caught the moment the pair acknowledges anything. With three nodes it is the leader
   * alone.
   */
  public static Grudge leaderMinority(List<String> nodes, String leader, RandomGenerator random) {
    List<String> rest = new ArrayList<>(nodes);
    rest.remove(leader);
    List<String> shuffled = shuffle(rest, random);
    int minority = (nodes.size() - 1) / 2;
    List<String> small = new ArrayList<>();
    small.add(leader);
    small.addAll(shuffled.subList(0, Math.max(0, minority - 1)));
    List<String> large = new ArrayList<>(shuffled.subList(Math.max(0, minority - 1), shuffled.size()));
    return Grudge.components(List.of(small, large));
  }

  private static List<String> shuffle(List<String> nodes, RandomGenerator random) {
    List<String> copy = new ArrayList<>(nodes);
    for (int i = copy.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String t = copy.get(i);
      copy.set(i, copy.get(j));
      copy.set(j, t);
    }
    return copy;
  }
}
