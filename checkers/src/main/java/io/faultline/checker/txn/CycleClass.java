package io.faultline.checker.txn;

/**
 * The shapes of dependency cycle Adya and Elle name, by which data edges they use. The classes
 * are disjoint: every cycle of data edges is exactly one of them.
 */
enum CycleClass {
  /** Write cycle: ww edges only. */
  G0(EdgeType.WW.bit(), EdgeType.WW),
  /** Circular information flow: ww and wr edges, at least one wr. */
  G1C(EdgeType.WW.bit() | EdgeType.WR.bit(), EdgeType.WR),
  /** Exactly one anti-dependency (read skew and its kin). */
  G_SINGLE(EdgeType.DATA, EdgeType.RW),
  /** Two or more anti-dependencies, no two of them adjacent: forbidden even by SI. */
  G_NONADJACENT(EdgeType.DATA, EdgeType.RW),
  /** Two or more anti-dependencies, some adjacent (write skew): allowed by SI. */
  G2_ITEM(EdgeType.DATA, EdgeType.RW);

  final int mask;
  /** The edge type every cycle of the class has; cycle searches start at such edges. */
  final EdgeType keyEdge;

  CycleClass(int mask, EdgeType keyEdge) {
    this.mask = mask;
    this.keyEdge = keyEdge;
  }

  /** Which class a cycle with these data edges (in cycle order, null for extra edges) is in. */
  static CycleClass classify(EdgeType[] steps) {
    int rw = 0;
    boolean wr = false;
    boolean adjacentRw = false;
    for (int i = 0; i < steps.length; i++) {
      EdgeType step = steps[i];
      if (step == EdgeType.RW) {
        rw++;
        if (steps[(i + 1) % steps.length] == EdgeType.RW && steps.length > 1) {
          adjacentRw = true;
        }
      } else if (step == EdgeType.WR) {
        wr = true;
      }
    }
    if (rw == 0) {
      return wr ? G1C : G0;
    }
    if (rw == 1) {
      return G_SINGLE;
    }
    return adjacentRw ? G2_ITEM : G_NONADJACENT;
  }
}
