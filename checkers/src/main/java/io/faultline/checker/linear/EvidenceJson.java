package io.faultline.checker.linear;

import io.faultline.checker.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON-shaped form of a {@link Counterexample} kept in {@code CheckResult.details.failure}.
 * It holds everything {@link CounterexampleHtml} draws, so a stored results.json can be
 * re-rendered: the failing region's operations with their roles.
 */
public final class EvidenceJson {
  private static final int MAX_LISTED = 16;
  private static final int MAX_REGION = 60;

  private EvidenceJson() {}

  static Map<String, Object> of(Counterexample c) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("key", c.key());
    f.put("model", c.model());
    f.put("part-operations", c.partOps().size());
    f.put("operation", op(c.blocked(), "blocked"));
    f.put("explanation", "no operation could be linearised before " + c.blocked().describe()
        + " returned: after the longest linearisable prefix (" + c.prefix().size()
        + " operations) the state is " + c.stateAfterPrefix() + " and each pending operation is"
        + " illegal there or leads only to dead ends"
        + (c.setAside().isEmpty() ? "" : " (" + c.setAside().size() + " operations with no"
            + " observable effect were set aside before the search)"));
    f.put("prefix-length", c.prefix().size());
    f.put("state", c.stateAfterPrefix());
    List<Object> tail = new ArrayList<>();
    for (Operation o : c.prefix().subList(Math.max(0, c.prefix().size() - MAX_LISTED), c.prefix().size())) {
      tail.add(op(o, "linearized"));
    }
    f.put("prefix-tail", tail);
    List<Object> cands = new ArrayList<>();
    for (Operation o : c.candidates().subList(0, Math.min(MAX_LISTED, c.candidates().size()))) {
      cands.add(op(o, "candidate"));
    }
    f.put("candidates", cands);
    f.put("candidates-total", c.candidates().size()); // capped at 64 by the search
    f.put("set-aside", c.setAside().size());
    f.put("region", region(c));
    return f;
  }

  /** The operations near the failure, each with its role, ordered by call. */
  private static List<Object> region(Counterexample c) {
    Set<Integer> prefixTail = new HashSet<>();
    List<Operation> prefix = c.prefix();
    for (Operation o : prefix.subList(Math.max(0, prefix.size() - 8), prefix.size())) {
      prefixTail.add(o.id());
    }
    Set<Integer> linearized = new HashSet<>();
    for (Operation o : prefix) {
      linearized.add(o.id());
    }
    Set<Integer> candidates = new HashSet<>();
    for (Operation o : c.candidates()) {
      candidates.add(o.id());
    }
    long lo = c.blocked().call();
    for (Operation o : c.partOps()) {
      if (prefixTail.contains(o.id()) || candidates.contains(o.id())) {
        lo = Math.min(lo, o.call());
      }
    }
    long hi = c.blocked().ret();
    long loFinal = lo;
    List<Operation> inWindow = new ArrayList<>(c.partOps().stream()
        .filter(o -> o.call() <= hi && o.ret() >= loFinal).toList());
    // Keep the operations closest to the blocked one when the window is crowded.
    long center = c.blocked().call();
    inWindow.sort(Comparator.comparingLong(o -> Math.abs(o.call() - center)));
    List<Operation> kept = new ArrayList<>(inWindow.subList(0, Math.min(MAX_REGION, inWindow.size())));
    if (!kept.contains(c.blocked())) {
      kept.add(c.blocked());
    }
    kept.sort(Comparator.comparingInt(Operation::call));
    List<Object> out = new ArrayList<>();
    for (Operation o : kept) {
      String role = o.id() == c.blocked().id() ? "blocked"
          : candidates.contains(o.id()) ? "candidate"
          : linearized.contains(o.id()) ? "linearized" : "other";
      out.add(op(o, role));
    }
    return out;
  }

  static Map<String, Object> op(Operation o, String role) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("process", o.process());
    m.put("f", o.f());
    if (o.key() != null) {
      m.put("key", o.key());
    }
    m.put("value", o.input());
    m.put("type", o.known() ? "ok" : "info");
    if (o.known()) {
      m.put("output", o.output());
    }
    m.put("invoke-position", o.call());
    m.put("complete-position", o.ret() == Operation.NEVER ? null : o.ret());
    m.put("line", o.line());
    m.put("role", role);
    m.put("text", o.describe());
    return m;
  }
}
