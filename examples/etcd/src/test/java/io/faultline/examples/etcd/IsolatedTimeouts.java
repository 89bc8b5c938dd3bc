package io.faultline.examples.etcd;

import io.faultline.checker.history.Op;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts client operations that timed out on a member while a partition's grudge cut it off from
 * every other member (it hears from nobody): evidence that the partition reached etcd itself.
 */
final class IsolatedTimeouts {
  private IsolatedTimeouts() {}

  static long count(List<Op> history) {
    Set<String> members = new HashSet<>();
    history.stream().filter(op -> !op.isNemesis() && op.node() != null).forEach(op -> members.add(op.node()));
    Set<String> isolated = new HashSet<>();
    long count = 0;
    for (Op op : history) {
      if (op.isNemesis()) {
        if (op.f().equals("start-partition") && op.value() instanceof Map<?, ?> v
            && v.get("grudge") instanceof Map<?, ?> grudge) {
          isolated.clear();
          grudge.forEach((node, cut) -> {
            if (cut instanceof List<?> from && from.size() == members.size() - 1) {
              isolated.add(String.valueOf(node));
            }
          });
        } else if (op.f().equals("stop-partition") || op.f().equals("heal-all")) {
          isolated.clear();
        }
      } else if ("timeout".equals(op.error()) && isolated.contains(op.node())) {
        count++;
      }
    }
    return count;
  }
}
