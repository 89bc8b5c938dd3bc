package io.faultline.node.raft.sim;

import io.faultline.node.raft.core.RaftBug;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FindBugSeedsTest {
  @Test
  void find() {
    for (RaftBug bug : RaftBug.values()) {
      for (int nodes : new int[] {3, 5}) {
        int found = 0;
        for (long seed = 0; seed < 400 && found < 3; seed++) {
          try {
            new SimCluster(SimParams.random(seed, nodes, false, Set.of(bug))).run();
          } catch (Throwable e) {
            found++;
            System.out.println("FOUND " + bug + " nodes=" + nodes + " seed=" + seed + " " + e.getMessage().substring(0, Math.min(150, e.getMessage().length())));
          }
        }
      }
    }
  }
}
