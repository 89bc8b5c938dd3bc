package io.faultline.checker.txn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strongly connected components of a {@link DepGraph} restricted to the edges whose type mask
 * intersects {@code mask}. Tarjan's algorithm with an explicit stack: deep graphs (a history is
 * often one long chain) must not overflow the thread stack. Only components that can hold a cycle
 * (two or more nodes) are returned.
 */
final class StronglyConnected {
  private StronglyConnected() {}

  /**
   * @return the components, each an array of node ids; {@code componentOf} (length nodeCount)
   *     is filled with the component number of each node in a returned component, else -1
   */
  static List<int[]> find(DepGraph graph, int mask, int[] componentOf, BudgetMeter meter) {
    int n = graph.nodeCount();
    long scratch = 21L * n;
    meter.allocate(scratch, "finding strongly connected components");
    int[] index = new int[n];
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int[] callNode = new int[n];
    int[] callEdge = new int[n];
    Arrays.fill(index, -1);
    Arrays.fill(componentOf, -1);
    List<int[]> components = new ArrayList<>();
    int counter = 0;
    int stackSize = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] != -1) {
        continue;
      }
      int depth = 0;
      callNode[0] = root;
      callEdge[0] = graph.firstEdge(root);
      index[root] = low[root] = counter++;
      stack[stackSize++] = root;
      onStack[root] = true;
      while (depth >= 0) {
        meter.tick();
        int v = callNode[depth];
        int e = callEdge[depth];
        if (e < graph.endEdge(v)) {
          callEdge[depth] = e + 1;
          if ((graph.types(e) & mask) == 0) {
            continue;
          }
          int w = graph.target(e);
          if (index[w] == -1) {
            index[w] = low[w] = counter++;
            stack[stackSize++] = w;
            onStack[w] = true;
            depth++;
            callNode[depth] = w;
            callEdge[depth] = graph.firstEdge(w);
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        if (low[v] == index[v]) {
          int top = stackSize;
          do {
            onStack[stack[--stackSize]] = false;
          } while (stack[stackSize] != v);
          if (top - stackSize > 1) {
            int[] component = Arrays.copyOfRange(stack, stackSize, top);
            for (int member : component) {
              componentOf[member] = components.size();
            }
            components.add(component);
          }
        }
        depth--;
        if (depth >= 0) {
          int parent = callNode[depth];
          low[parent] = Math.min(low[parent], low[v]);
        }
      }
    }
    meter.release(scratch);
    return components;
  }
}
