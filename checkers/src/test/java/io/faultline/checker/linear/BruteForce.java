package io.faultline.checker.linear;

import io.faultline.checker.history.Operation;
import io.faultline.checker.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * The obviously-correct reference: for every subset of the operations with unknown outcome, try
 * every permutation of the completed operations plus that subset, keep those that respect
 * real-time order (if a returned before b was invoked, a comes first) and run the model on them.
 * A permutation is abandoned as soon as its prefix breaks real time or is illegal (no extension
 * of it can be legal). Exponential; only for tiny histories. It uses nothing of the checker:
 * no memo, no reductions, no pruning beyond that.
 */
final class BruteForce {
  private BruteForce() {}

  static <S, I> boolean linearizable(Model<S, I> model, List<Operation> ops) {
    List<Operation> known = new ArrayList<>();
    List<Operation> unknown = new ArrayList<>();
    for (Operation o : ops) {
      (o.known() ? known : unknown).add(o);
    }
    for (int mask = 0; mask < (1 << unknown.size()); mask++) {
      List<Operation> chosen = new ArrayList<>(known);
      for (int i = 0; i < unknown.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          chosen.add(unknown.get(i));
        }
      }
      if (anyOrder(model, chosen, new ArrayList<>(), new boolean[chosen.size()], model.init())) {
        return true;
      }
    }
    return false;
  }

  private static <S, I> boolean anyOrder(Model<S, I> model, List<Operation> chosen,
      List<Operation> order, boolean[] used, S state) {
    if (order.size() == chosen.size()) {
      return respectsRealTime(order) && legal(model, order);
    }
    for (int i = 0; i < chosen.size(); i++) {
      if (!used[i] && !mustComeLater(chosen, used, chosen.get(i))) {
        S next = model.step(state, model.prepare(chosen.get(i)));
        if (next == null) {
          continue; // an illegal prefix: no permutation starting with it is legal
        }
        used[i] = true;
        order.add(chosen.get(i));
        boolean ok = anyOrder(model, chosen, order, used, next);
        order.remove(order.size() - 1);
        used[i] = false;
        if (ok) {
          return true;
        }
      }
    }
    return false;
  }

  /** Pruning only: some unused operation returned before {@code o} was invoked. */
  private static boolean mustComeLater(List<Operation> chosen, boolean[] used, Operation o) {
    for (int j = 0; j < chosen.size(); j++) {
      if (!used[j] && chosen.get(j).ret() < o.call()) {
        return true;
      }
    }
    return false;
  }

  private static boolean respectsRealTime(List<Operation> order) {
    for (int i = 0; i < order.size(); i++) {
      for (int j = i + 1; j < order.size(); j++) {
        if (order.get(j).ret() < order.get(i).call()) {
          return false;
        }
      }
    }
    return true;
  }

  private static <S, I> boolean legal(Model<S, I> model, List<Operation> order) {
    S state = model.init();
    for (Operation o : order) {
      state = model.step(state, model.prepare(o));
      if (state == null) {
        return false;
      }
    }
    return true;
  }
}
