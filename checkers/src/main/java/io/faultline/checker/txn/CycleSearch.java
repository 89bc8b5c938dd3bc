package io.faultline.checker.txn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the cycle anomalies of one search stage: data edges alone ({@code extra == 0}), or data
 * edges plus process or real-time edges. For each {@link CycleClass}, strongly connected
 * components of the graph restricted to the class's edge types come first; inside each, a
 * breadth-first search over (transaction, automaton state) finds a shortest cycle of the class
 * through a few start transactions (sources of the class's key edge). The automaton state tracks
 * what the class needs: how many rw edges so far (0, 1, 2+), whether the first and the last edge
 * were rw, whether a wr edge was used, and whether a process/real-time edge that carries no data
 * dependency was used (a variant must need one, else it is the plain anomaly).
 *
 * <p>G0 and G1c searches are complete (a component of ww, or ww+wr, edges always holds such a
 * cycle through any start on a key edge); the rw classes are searched from up to 16 starts per
 * component (4 above 1,000 transactions, 1 above 10,000), so a component's rw cycle of a given
 * class may be missed when starts are rationed. At most one cycle per class per component is
 * reported: the shortest among the starts tried.
 */
final class CycleSearch {
  private static final int STATES = 64;
  private static final int RW_MASK = 3;
  private static final int LAST_RW = 4;
  private static final int FIRST_RW = 8;
  private static final int HAS_WR = 16;
  private static final int HAS_EXTRA = 32;
  /** Step choices: which kind of edge an edge is used as. */
  private static final byte WW = 0;
  private static final byte WR = 1;
  private static final byte RW = 2;
  private static final byte EXTRA = 3;

  private final DepGraph graph;
  private final BudgetMeter meter;
  private final int[] localOf;
  private int[] stamp = new int[0];
  private int[] parent = new int[0];
  private byte[] choice = new byte[0];
  private int[] queue = new int[0];
  private int searchId;
  /** The members of the component being searched: local index to node id. */
  private int[] nodeOfLocal = new int[0];

  CycleSearch(DepGraph graph, BudgetMeter meter) {
    this.graph = graph;
    this.meter = meter;
    meter.allocate(4L * graph.nodeCount(), "preparing cycle search");
    this.localOf = new int[graph.nodeCount()];
  }

  /**
   * All cycle anomalies of one stage, passed to {@code sink} as found (so a budget running out
   * later keeps them).
   *
   * @param extra 0, {@link EdgeType#PROCESS} or {@link EdgeType#REALTIME}
   */
  void search(EdgeType extra, java.util.function.Consumer<Cycle> sink) {
    int extraBit = extra == null ? 0 : extra.bit();
    // Components per edge mask: a component of the ww (or ww+wr) graph is sure to hold a G0 (or,
    // with a wr edge inside, a G1c) cycle through any start, so those searches cannot miss.
    java.util.Map<Integer, List<int[]>> componentsByMask = new java.util.HashMap<>();
    java.util.Map<Integer, int[]> componentOfByMask = new java.util.HashMap<>();
    // The G2-item search may come back with a cycle of another class: report each once.
    java.util.Set<String> reported = new java.util.HashSet<>();
    for (CycleClass cycleClass : CycleClass.values()) {
      int mask = cycleClass.mask | extraBit;
      int[] componentOf = componentOfByMask.computeIfAbsent(mask, m -> {
        meter.allocate(4L * graph.nodeCount(), "finding strongly connected components");
        return new int[graph.nodeCount()];
      });
      List<int[]> components = componentsByMask.computeIfAbsent(mask,
          m -> StronglyConnected.find(graph, m, componentOf, meter));
      for (int c = 0; c < components.size(); c++) {
        int[] members = components.get(c);
        prepare(members);
        Cycle best = null;
        int starts = 0;
        int maxStarts = members.length > 10_000 ? 1 : members.length > 1_000 ? 4 : 16;
        for (int member : members) {
          if (starts >= maxStarts || (best != null && best.length() == 2)) {
            break;
          }
          if (!hasKeyEdge(member, c, componentOf, cycleClass, extraBit)) {
            continue;
          }
          starts++;
          Cycle found = shortestFrom(member, c, componentOf, cycleClass, extra, extraBit);
          if (found != null && (best == null || found.length() < best.length())) {
            best = found;
          }
        }
        if (best != null && reported.add(mask + ":" + c + ":" + best.type())) {
          sink.accept(best);
        }
      }
    }
  }

  private void prepare(int[] members) {
    nodeOfLocal = members;
    for (int i = 0; i < members.length; i++) {
      localOf[members[i]] = i;
    }
    long slots = (long) members.length * STATES;
    if (stamp.length < slots) {
      meter.allocate(13L * (slots - stamp.length), "searching a component of " + members.length
          + " transactions for cycles");
      stamp = new int[(int) slots];
      parent = new int[(int) slots];
      choice = new byte[(int) slots];
      queue = new int[(int) slots];
      searchId = 0;
    }
  }

  private boolean hasKeyEdge(int node, int component, int[] componentOf, CycleClass cycleClass,
      int extraBit) {
    for (int e = graph.firstEdge(node); e < graph.endEdge(node); e++) {
      if (componentOf[graph.target(e)] != component) {
        continue;
      }
      int types = graph.types(e);
      boolean key = extraBit != 0 ? (types & extraBit) != 0 && (types & EdgeType.DATA) == 0
          : (types & cycleClass.keyEdge.bit()) != 0;
      if (key) {
        return true;
      }
    }
    return false;
  }

  private Cycle shortestFrom(int start, int component, int[] componentOf, CycleClass cycleClass,
      EdgeType extra, int extraBit) {
    searchId++;
    if (searchId == Integer.MAX_VALUE) {
      Arrays.fill(stamp, 0);
      searchId = 1;
    }
    int head = 0;
    int tail = 0;
    // The start is expanded first, with no edge taken yet: its slot is a sentinel.
    int startSlot = localOf[start] * STATES;
    stamp[startSlot] = searchId;
    parent[startSlot] = -1;
    queue[tail++] = startSlot;
    boolean first = true;
    while (head < tail) {
      int slot = queue[head++];
      int node = nodeOfLocal[slot / STATES];
      int state = slot % STATES;
      for (int e = graph.firstEdge(node); e < graph.endEdge(node); e++) {
        meter.tick();
        int w = graph.target(e);
        if (componentOf[w] != component) {
          continue;
        }
        int types = graph.types(e);
        for (byte step = WW; step <= EXTRA; step++) {
          if (!usable(types, step, cycleClass, extraBit)) {
            continue;
          }
          int next = advance(state, step, first, cycleClass);
          if (next < 0) {
            continue;
          }
          if (w == start) {
            if (accepts(next, cycleClass, extraBit)) {
              return rebuild(slot, step, start, cycleClass, extra);
            }
            continue;
          }
          int nextSlot = localOf[w] * STATES + next;
          if (stamp[nextSlot] != searchId) {
            stamp[nextSlot] = searchId;
            parent[nextSlot] = slot;
            choice[nextSlot] = step;
            queue[tail++] = nextSlot;
          }
        }
      }
      first = false;
    }
    return null;
  }

  private static boolean usable(int types, byte step, CycleClass cycleClass, int extraBit) {
    return switch (step) {
      case WW -> (types & cycleClass.mask & EdgeType.WW.bit()) != 0;
      case WR -> (types & cycleClass.mask & EdgeType.WR.bit()) != 0;
      case RW -> (types & cycleClass.mask & EdgeType.RW.bit()) != 0;
      default -> extraBit != 0 && (types & extraBit) != 0 && (types & EdgeType.DATA) == 0;
    };
  }

  /** The automaton: the state after taking {@code step}, or -1 if the class forbids it. */
  private static int advance(int state, byte step, boolean first, CycleClass cycleClass) {
    int rw = state & RW_MASK;
    boolean lastRw = (state & LAST_RW) != 0;
    int next = state & ~LAST_RW;
    switch (step) {
      case RW -> {
        if (cycleClass == CycleClass.G_SINGLE && rw >= 1) {
          return -1;
        }
        if (cycleClass == CycleClass.G_NONADJACENT && lastRw) {
          return -1;
        }
        next = (next & ~RW_MASK) | Math.min(rw + 1, 2) | LAST_RW;
        if (first) {
          next |= FIRST_RW;
        }
      }
      case WR -> next |= HAS_WR;
      case EXTRA -> next |= HAS_EXTRA;
      default -> { }
    }
    return next;
  }

  private static boolean accepts(int state, CycleClass cycleClass, int extraBit) {
    if (extraBit != 0 && (state & HAS_EXTRA) == 0) {
      return false;
    }
    int rw = state & RW_MASK;
    return switch (cycleClass) {
      case G0 -> true;
      case G1C -> (state & HAS_WR) != 0;
      case G_SINGLE -> rw == 1;
      case G_NONADJACENT -> rw == 2 && !((state & FIRST_RW) != 0 && (state & LAST_RW) != 0);
      case G2_ITEM -> rw == 2;
    };
  }

  private Cycle rebuild(int lastSlot, byte closingStep, int start, CycleClass cycleClass,
      EdgeType extra) {
    List<Integer> nodes = new ArrayList<>();
    List<Byte> steps = new ArrayList<>();
    steps.add(closingStep);
    int slot = lastSlot;
    while (parent[slot] != -1) {
      nodes.add(nodeOfLocal[slot / STATES]);
      steps.add(choice[slot]);
      slot = parent[slot];
    }
    nodes.add(start);
    int n = nodes.size();
    int[] txns = new int[n];
    EdgeType[] edgeTypes = new EdgeType[n];
    for (int i = 0; i < n; i++) {
      txns[i] = nodes.get(n - 1 - i);
      byte step = steps.get(n - 1 - i);
      edgeTypes[i] = step == EXTRA ? extra : EdgeType.values()[step];
    }
    CycleClass actual = CycleClass.classify(dataSteps(edgeTypes));
    return new Cycle(AnomalyType.cycle(actual, extra), txns, edgeTypes);
  }

  private static EdgeType[] dataSteps(EdgeType[] steps) {
    EdgeType[] data = new EdgeType[steps.length];
    for (int i = 0; i < steps.length; i++) {
      data[i] = (steps[i].bit() & EdgeType.DATA) != 0 ? steps[i] : null;
    }
    return data;
  }
}
