package io.faultline.checker.linear;

import io.faultline.checker.history.Operation;
import io.faultline.checker.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wing &amp; Gong's linearizability search with Lowe's memoisation, over one independent part of
 * a history, laid out as in Porcupine: call and return events in one array-based doubly linked
 * list; linearising an operation lifts both its events out of the list, backtracking puts them
 * back (dancing links). The memo key is (bitset of linearised operations, model state); the
 * bitset's hash is maintained incrementally (Zobrist), so the inner loop allocates only when a new
 * configuration is recorded.
 *
 * <p>Operations with unknown outcome have their return after every other event: they may be
 * linearised anywhere after their call, and the model treats them as "apply if possible", which
 * covers "never happened" too.
 *
 * <p>Not thread safe; one instance per part. Polls {@code cancelled} and the budget every few
 * thousand steps and then answers {@link PartOutcome.Undecided}.
 */
final class PartSearch<S, I> {
  private static final int POLL_MASK = (1 << 12) - 1;
  private static final long RETURN_AFTER_ALL = 1L << 31;
  /** Candidates kept as evidence; scanning all pending info operations each time would be slow. */
  private static final int MAX_CANDIDATES = 64;

  private final Model<S, I> model;
  private final String modelName;
  private final Object key;
  private final List<Operation> ops;
  private final I[] inputs;
  private final Budget budget;
  private final AtomicBoolean cancelled;

  PartSearch(Model<S, I> model, Object key, List<Operation> ops, I[] inputs, Budget budget,
      AtomicBoolean cancelled) {
    this.model = model;
    this.modelName = model.name();
    this.key = key;
    this.ops = ops;
    this.inputs = inputs;
    this.budget = budget;
    this.cancelled = cancelled;
  }

  int size() {
    return ops.size();
  }

  PartOutcome run() {
    final int n = ops.size();
    // Entry node ids: 0 is the head; call of op i is 2i+1, its return 2i+2.
    int[] next = new int[2 * n + 1];
    int[] prev = new int[2 * n + 1];
    long[] order = new long[2 * n];
    for (int i = 0; i < n; i++) {
      Operation o = ops.get(i);
      long ret = o.ret() == Operation.NEVER ? RETURN_AFTER_ALL + o.call() : o.ret();
      order[2 * i] = ((long) o.call() << 30) | (2L * i);
      order[2 * i + 1] = (ret << 30) | (2L * i + 1);
    }
    Arrays.sort(order);
    int last = 0;
    prev[0] = -1;
    for (long packed : order) {
      int node = (int) (packed & ((1 << 30) - 1)) + 1;
      next[last] = node;
      prev[node] = last;
      last = node;
    }
    next[last] = -1;

    long[] zobrist = new long[n];
    SplittableRandom rnd = new SplittableRandom(0x5EED ^ n);
    for (int i = 0; i < n; i++) {
      zobrist[i] = rnd.nextLong();
    }
    long[] bits = new long[(n + 63) >>> 6];
    long bitsHash = 0;
    int words = bits.length;
    long bytesPerEntry = 16 + 8L * words + MemoTable.SLOT_BYTES * 2 + model.stateBytes(model.init());
    MemoTable memo = new MemoTable(1024);
    long charged = 0;
    long pendingCharge = 0;

    int[] stackOp = new int[n];
    @SuppressWarnings("unchecked")
    S[] stackState = (S[]) new Object[n];
    int depth = 0;
    S state = model.init();

    // The deepest dead end so far: its prefix is kept in bestOps, copied incrementally (only the
    // part of the stack that changed since the last copy), so tracking it costs O(pushes).
    int bestDepth = -1;
    int[] bestOps = new int[n];
    int stableDepth = 0;
    S bestState = null;
    int bestBlocked = -1;
    int[] bestCandidates = null;
    long steps = 0;
    int node = next[0];
    try {
      while (next[0] != -1) {
        // Poll every few thousand steps, or sooner once a MiB of memo is unaccounted for, so the
        // memory budget is overshot by at most about a MiB per part.
        if ((++steps & POLL_MASK) == 0 || pendingCharge > (1 << 20)) {
          String stop = null;
          if (cancelled.get()) {
            stop = "cancelled: another part was found not linearizable";
          } else if (budget.timeUp()) {
            stop = "time budget exhausted";
          } else if (!budget.charge(pendingCharge)) {
            stop = "memory budget exhausted (" + budget.memoryUsed() / (1 << 20) + " MiB of "
                + budget.memoryLimit() / (1 << 20) + " MiB estimated for memo tables)";
          }
          charged += pendingCharge;
          pendingCharge = 0;
          if (stop != null) {
            int furthest = Math.max(depth, bestDepth);
            return new PartOutcome.Undecided(key, n, stop, furthest);
          }
        }
        int e = node - 1;
        if ((e & 1) == 0) { // a call: try to linearise it now
          int op = e >>> 1;
          S nextState = model.step(state, inputs[op]);
          if (nextState != null) {
            bits[op >>> 6] |= 1L << op;
            long h = bitsHash ^ zobrist[op];
            if (memo.addIfAbsent(h, bits, nextState)) {
              pendingCharge += bytesPerEntry + model.stateBytes(nextState) - 32;
              stackOp[depth] = op;
              stackState[depth] = state;
              depth++;
              state = nextState;
              bitsHash = h;
              lift(next, prev, 2 * op + 1, 2 * op + 2);
              node = next[0];
              continue;
            }
            bits[op >>> 6] &= ~(1L << op);
          }
          node = next[node];
        } else { // a return reached before its call was linearised: dead end
          if (depth > bestDepth) {
            System.arraycopy(stackOp, stableDepth, bestOps, stableDepth, depth - stableDepth);
            stableDepth = depth;
            bestDepth = depth;
            bestState = state;
            bestBlocked = e >>> 1;
            bestCandidates = candidates(next, node);
          }
          if (depth == 0) {
            return new PartOutcome.NotLinearizable(key, n, memo.size(),
                evidence(bestOps, bestDepth, bestState, bestBlocked, bestCandidates));
          }
          depth--;
          stableDepth = Math.min(stableDepth, depth);
          int op = stackOp[depth];
          state = stackState[depth];
          stackState[depth] = null;
          bits[op >>> 6] &= ~(1L << op);
          bitsHash ^= zobrist[op];
          unlift(next, prev, 2 * op + 1, 2 * op + 2);
          node = next[2 * op + 1];
        }
      }
      return new PartOutcome.Linearizable(key, n, memo.size());
    } finally {
      budget.charge(-charged); // this part's memo is garbage from now on
    }
  }

  private static void lift(int[] next, int[] prev, int call, int ret) {
    next[prev[call]] = next[call];
    prev[next[call]] = prev[call]; // a call is always followed by at least its return
    next[prev[ret]] = next[ret];
    if (next[ret] != -1) {
      prev[next[ret]] = prev[ret];
    }
  }

  private static void unlift(int[] next, int[] prev, int call, int ret) {
    next[prev[ret]] = ret;
    if (next[ret] != -1) {
      prev[next[ret]] = ret;
    }
    next[prev[call]] = call;
    prev[next[call]] = call;
  }

  /** The pending calls before {@code blockedNode}: what could have been linearised next. */
  private static int[] candidates(int[] next, int blockedNode) {
    int[] found = new int[MAX_CANDIDATES];
    int count = 0;
    for (int node = next[0]; node != -1 && node != blockedNode && count < MAX_CANDIDATES; node = next[node]) {
      if (((node - 1) & 1) == 0) {
        found[count++] = (node - 1) >>> 1;
      }
    }
    return Arrays.copyOf(found, count);
  }

  private Counterexample evidence(int[] bestOps, int depth, S state, int blockedOp, int[] candidateOps) {
    List<Operation> prefix = new ArrayList<>(depth);
    for (int i = 0; i < depth; i++) {
      prefix.add(ops.get(bestOps[i]));
    }
    List<Operation> candidates = new ArrayList<>(candidateOps.length);
    for (int op : candidateOps) {
      candidates.add(ops.get(op));
    }
    return new Counterexample(key, modelName, ops, prefix, model.describe(state),
        ops.get(blockedOp), candidates);
  }
}
