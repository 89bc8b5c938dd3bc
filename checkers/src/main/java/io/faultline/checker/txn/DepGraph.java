package io.faultline.checker.txn;

import java.util.Arrays;

/**
 * A dependency graph over transaction ids in compressed sparse row form: the out-edges of node
 * {@code v} are {@code target[start[v] .. start[v+1])}, each with a mask of {@link EdgeType}
 * bits. Parallel edges between the same pair are merged into one edge whose mask is their union.
 * Immutable once built.
 */
public final class DepGraph {
  private final int nodes;
  private final int[] start;
  private final int[] target;
  private final byte[] types;

  private DepGraph(int nodes, int[] start, int[] target, byte[] types) {
    this.nodes = nodes;
    this.start = start;
    this.target = target;
    this.types = types;
  }

  public int nodeCount() {
    return nodes;
  }

  public int edgeCount() {
    return start[nodes];
  }

  int firstEdge(int node) {
    return start[node];
  }

  int endEdge(int node) {
    return start[node + 1];
  }

  int target(int edge) {
    return target[edge];
  }

  int types(int edge) {
    return types[edge];
  }

  /** The mask of edge types from {@code from} to {@code to}; 0 when there is no edge. */
  public int typesBetween(int from, int to) {
    for (int e = start[from]; e < start[from + 1]; e++) {
      if (target[e] == to) {
        return types[e];
      }
    }
    return 0;
  }

  /** Approximate heap size of a graph with these many nodes and edges. */
  static long estimateBytes(long nodes, long edges) {
    return 4 * (nodes + 1) + 5 * edges;
  }

  /** Collects edges in any order, then compacts them into a {@link DepGraph}. */
  public static final class Builder {
    private final int nodes;
    private final BudgetMeter meter;
    private int[] from = new int[1024];
    private int[] to = new int[1024];
    private byte[] kinds = new byte[1024];
    private int size;

    Builder(int nodes, BudgetMeter meter) {
      this.nodes = nodes;
      this.meter = meter;
    }

    public int size() {
      return size;
    }

    /** Adds an edge; self-edges are ignored (a transaction does not depend on itself). */
    public void add(int source, int destination, EdgeType type) {
      if (source == destination) {
        return;
      }
      if (size == from.length) {
        int grown = size * 2;
        meter.allocate(9L * size, "inferring dependency edges (" + size + " so far)");
        from = Arrays.copyOf(from, grown);
        to = Arrays.copyOf(to, grown);
        kinds = Arrays.copyOf(kinds, grown);
      }
      from[size] = source;
      to[size] = destination;
      kinds[size] = (byte) type.bit();
      size++;
    }

    /** Forgets every edge added after the first {@code keep}; used to drop a stage over budget. */
    void truncate(int keep) {
      size = Math.min(size, keep);
    }

    public DepGraph build() {
      meter.allocate(estimateBytes(nodes, size) + 4L * nodes, "compacting the dependency graph");
      int[] start = new int[nodes + 1];
      for (int i = 0; i < size; i++) {
        start[from[i] + 1]++;
      }
      for (int v = 0; v < nodes; v++) {
        start[v + 1] += start[v];
      }
      int[] cursor = Arrays.copyOf(start, nodes);
      int[] target = new int[size];
      byte[] types = new byte[size];
      for (int i = 0; i < size; i++) {
        int slot = cursor[from[i]]++;
        target[slot] = to[i];
        types[slot] = kinds[i];
      }
      // Merge parallel edges: remember, per target, where it sits in the current node's row.
      int[] seenAt = new int[nodes];
      Arrays.fill(seenAt, -1);
      int[] compactStart = new int[nodes + 1];
      int out = 0;
      for (int v = 0; v < nodes; v++) {
        compactStart[v] = out;
        for (int e = start[v]; e < start[v + 1]; e++) {
          int w = target[e];
          int at = seenAt[w];
          if (at >= compactStart[v] && at < out && target[at] == w) {
            types[at] |= types[e];
          } else {
            seenAt[w] = out;
            target[out] = w;
            types[out] = types[e];
            out++;
          }
        }
      }
      compactStart[nodes] = out;
      meter.release(4L * nodes);
      return new DepGraph(nodes, compactStart, Arrays.copyOf(target, out),
          Arrays.copyOf(types, out));
    }
  }
}
