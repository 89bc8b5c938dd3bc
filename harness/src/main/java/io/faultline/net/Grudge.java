package io.faultline.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A network partition as data (Jepsen's grudge): for each node, the set of nodes it cannot hear
 * from. A grudge says nothing about how it is applied; a {@link Net} adapter does that.
 */
public record Grudge(Map<String, Set<String>> cannotHearFrom) {

  public Grudge {
    Map<String, Set<String>> copy = new TreeMap<>();
    cannotHearFrom.forEach((k, v) -> {
      if (!v.isEmpty()) {
        copy.put(k, Set.copyOf(new TreeSet<>(v)));
      }
    });
    cannotHearFrom = java.util.Collections.unmodifiableMap(copy);
  }

  /** Every node in each component hears only the nodes of its own component. */
  public static Grudge components(Collection<? extends Collection<String>> components) {
    Map<String, Set<String>> g = new LinkedHashMap<>();
    List<String> all = new ArrayList<>();
    components.forEach(all::addAll);
    for (Collection<String> component : components) {
      for (String node : component) {
        Set<String> others = new TreeSet<>(all);
        others.removeAll(component);
        g.put(node, others);
      }
    }
    return new Grudge(g);
  }

  /** Whether messages sent by {@code from} are dropped on the way to {@code to}. */
  public boolean cuts(String from, String to) {
    return cannotHearFrom.getOrDefault(to, Set.of()).contains(from);
  }

  public boolean isEmpty() {
    return cannotHearFrom.isEmpty();
  }

  /** JSON-shaped value for the history: {@code {"n1": ["n3","n4"], ...}}, sorted. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new TreeMap<>();
    cannotHearFrom.forEach((k, v) -> json.put(k, new ArrayList<>(new TreeSet<>(v))));
    return json;
  }
}
