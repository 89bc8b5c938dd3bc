package io.faultline.checker.linear;

import io.faultline.checker.history.Operation;
import io.faultline.checker.model.Model;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A second reference, for histories too long for {@link BruteForce}: Wing &amp; Gong's search with
 * Lowe's memo in its plainest form. Every operation, completed or crashed, may be linearised next
 * when no unlinearised completed operation returned before its call; crashed ones are stepped as
 * the model says; success when every completed operation is linearised. The memo is the exact set
 * of (linearised set, state) pairs seen. No reductions, no ordering, no dominance.
 */
final class ReferenceSearch {
  private ReferenceSearch() {}

  static <S, I> boolean linearizable(Model<S, I> model, List<Operation> ops) {
    List<I> inputs = ops.stream().map(model::prepare).toList();
    int known = (int) ops.stream().filter(Operation::known).count();
    return search(model, ops, inputs, new BitSet(), 0, known, model.init(), new HashSet<>());
  }

  private record Seen(BitSet linearised, Object state) {}

  private static <S, I> boolean search(Model<S, I> model, List<Operation> ops, List<I> inputs,
      BitSet done, int doneKnown, int known, S state, Set<Seen> seen) {
    if (doneKnown == known) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      if (done.get(i) || !mayComeNext(ops, done, ops.get(i))) {
        continue;
      }
      S next = model.step(state, inputs.get(i));
      if (next == null) {
        continue;
      }
      done.set(i);
      if (seen.add(new Seen((BitSet) done.clone(), next))
          && search(model, ops, inputs, done, doneKnown + (ops.get(i).known() ? 1 : 0), known, next, seen)) {
        return true;
      }
      done.clear(i);
    }
    return false;
  }

  /** No unlinearised completed operation returned before {@code o} was called. */
  private static boolean mayComeNext(List<Operation> ops, BitSet done, Operation o) {
    for (int j = 0; j < ops.size(); j++) {
      if (!done.get(j) && ops.get(j).known() && ops.get(j).ret() < o.call()) {
        return false;
      }
    }
    return true;
  }
}
