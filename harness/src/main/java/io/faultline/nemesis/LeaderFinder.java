package io.faultline.nemesis;

import io.faultline.client.NodeAdmin;
import io.faultline.runtime.ClusterRuntime;
import java.util.Map;
import java.util.Optional;

/**
 * Asks running nodes {@code GET /admin/status} who leads: a node that says its role is leader with
 * the highest term wins; otherwise the leader named by the node with the highest term. Empty for
 * leaderless protocols and when nobody answers.
 */
public final class LeaderFinder {
  private final ClusterRuntime runtime;
  private final NodeAdmin admin;

  public LeaderFinder(ClusterRuntime runtime, NodeAdmin admin) {
    this.runtime = runtime;
    this.admin = admin;
  }

  public Optional<String> leader() {
    String best = null;
    long bestTerm = Long.MIN_VALUE;
    boolean bestIsSelf = false;
    for (String node : runtime.nodes()) {
      if (runtime.liveness(node) == io.faultline.runtime.Liveness.EXITED) {
        continue;
      }
      Optional<Map<String, Object>> status = admin.status(runtime.spec(node).client());
      if (status.isEmpty()) {
        continue;
      }
      Map<String, Object> s = status.get();
      long term = s.get("term") instanceof Number n ? n.longValue() : 0;
      boolean self = "leader".equalsIgnoreCase(String.valueOf(s.get("role")));
      String named = self ? node : (s.get("leader") instanceof String l && !l.isEmpty() ? l : null);
      if (named == null) {
        continue;
      }
      if (term > bestTerm || (term == bestTerm && self && !bestIsSelf)) {
        best = named;
        bestTerm = term;
        bestIsSelf = self;
      }
    }
    return Optional.ofNullable(best);
  }
}
