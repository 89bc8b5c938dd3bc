package io.faultline.checker.linear;

import io.faultline.checker.history.Operation;
import io.faultline.checker.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wing &amp; Gong's linearizability search with Lowe's memoisation over one independent part of a
 * history, laid out as in Porcupine (the call and return events of the completed operations in
 * one array-based doubly linked list; linearising an operation lifts both its events out,
 * backtracking puts them back), with crashed operations handled apart. Operations the model's
 * {@link io.faultline.checker.model.Reduction} names are set aside first.
 *
 * <p><b>Semantics.</b> A completed operation takes effect once between its call and return; a
 * crashed one ({@code info}, or never completed) at any point after its call, or never. A part is
 * linearizable iff some sequence of all completed operations and some crashed ones respects real
 * time (a before b whenever a returned before b was called) and is legal for the model, crashed
 * ones stepped as the model says ("apply if it can happen here, else no-op").
 *
 * <p><b>What the search explores.</b> A configuration is (K, s, c, p): the completed operations
 * linearised, the state, for each class of crashed operations with equal prepared inputs how many
 * are used, and p, the state before the last step when that step was a crashed operation (else
 * none). Completed operation k may come next iff it is pending and no pending completed operation
 * returned before k was called (Wing &amp; Gong); a crashed operation iff it was called before F,
 * the earliest return among pending completed operations. The search succeeds as soon as every
 * completed operation is linearised: the crashed ones left over never happened. Rules:
 * <ol>
 *   <li>no crashed step that leaves the state unchanged;
 *   <li>right after a crashed step from p to s, no step x with {@code step(p, x) == step(s, x)}:
 *       the crashed step must be needed by the next one;
 *   <li>of a class, only the earliest-called unused member (so only the count matters);
 *   <li>no configuration dominated by an explored one: same K and s, no smaller count in any
 *       class, and the same p or the explored one has none;
 *   <li>if a read-only completed candidate ({@link io.faultline.checker.model.Reduction#readOnly})
 *       is legal, the first such in call order is the only step tried.
 * </ol>
 * The order in which the allowed candidates are tried does not matter to the answer; {@link #run}
 * alternates two.
 *
 * <p><b>Why nothing is lost.</b> Call a configuration good when some continuation from it reaches
 * success while obeying rules 1-3 and 5 at every step (2 also at its first step, against the
 * configuration's p). (a) If the part is linearizable the root is good: take a linearization;
 * give the i-th use of each class to its i-th earliest-called member (crashed operations never
 * return, so precede nothing; members step alike; the i members used by then were all called
 * before the frontier, which only grows, so the i-th earliest was too); delete crashed steps that
 * change nothing or that the next step does not need, and a crashed last step (the rest keeps its
 * states); and where rule 5 picks a legal read-only candidate x that is not next, move x there:
 * it is legal wherever it stood, so it changed nothing there, and every operation it moves ahead
 * of was pending when x was a candidate, so had not returned before x was called; it is needed by
 * a crashed step just before it (x is legal in s, and from p it is illegal or leaves p, and p is
 * not s). Deletions shorten the sequence and moves fix the earliest breach of rule 5 without
 * touching what comes before it, so this ends, obeying all the rules. (b) A configuration D
 * dominated by an explored E is no worse: D's continuation, each class's uses given to E's unused
 * members (at least as many, called before every frontier), runs from E through the same states,
 * with the same candidates and rule outcomes, and E's restriction is D's or none. (c) Suppose the
 * search ends without success though the root is good; take a popped good configuration Z whose
 * shortest good continuation is shortest, of length m &gt; 0. Its first step obeys the rules, so
 * the search tried it: the configuration it leads to has a good continuation of length m - 1 and
 * was pushed, hence popped, or was dominated by a pushed, hence popped, configuration at least as
 * good; either contradicts the choice of Z. Every success is a real linearization: each step was
 * legal and allowed by real time.
 *
 * <p>The memo (see {@link MemoTable}) stores K compactly as a window over its bitset, and the
 * class counts packed, so long histories with many crashed operations fit: the part's bitset is
 * not copied per entry.
 *
 * <p>Not thread safe; one instance per part, one {@link #run} at a time. Polls {@code cancelled}
 * and the budget every few thousand steps and then answers {@link PartOutcome.Undecided}; when
 * that was for time, the next {@link #run} (with a later deadline) resumes where it stopped.
 */
final class PartSearch<S, I> {
  private static final int POLL_MASK = (1 << 12) - 1;
  /** Candidates kept as evidence; scanning every pending crashed operation each time would be slow. */
  private static final int MAX_CANDIDATES = 64;
  private static final int ENTER = 0;
  private static final int KNOWN = 1;
  private static final int CRASHED = 2;
  private static final int DEAD = 3;
  /** Steps each of the two searches takes per turn (a multiple of the poll interval). */
  private static final long SLICE = 1L << 14;
  /**
   * Steps the crashed-first search may go without linearising more completed operations than
   * ever before, while alone; past that it is stalled and the other search starts. Most parts,
   * and long valid ones that keep making progress, never get there, so they cost one search.
   */
  private static final long STALL = 1L << 18;

  private final Model<S, I> model;
  private final String modelName;
  private final Object key;
  private final List<Operation> ops;
  private final I[] inputs;
  private final boolean[] setAside;
  private final boolean[] readOnly;
  private final int setAsideCount;
  private final SearchOrder order;
  // The searches, kept between runs when one stops out of time so that the next run resumes them:
  // the lead (crashed-first, or the only one when the order is fixed) and the second.
  private Run lead;
  private Run second;
  /** Steps each search is to reach before its next turn ends. */
  private long leadUntil = SLICE;
  private long secondUntil = SLICE;

  /**
   * @param ops every operation of the part, ids dense from 0 in invocation order
   * @param inputs the model's prepared input of each
   * @param setAside the operations to leave out (see {@link io.faultline.checker.model.Reduction})
   */
  PartSearch(Model<S, I> model, Object key, List<Operation> ops, I[] inputs, boolean[] setAside,
      boolean[] readOnly, SearchOrder order) {
    this.order = order;
    this.readOnly = readOnly;
    this.model = model;
    this.modelName = model.name();
    this.key = key;
    this.ops = ops;
    this.inputs = inputs;
    this.setAside = setAside;
    int c = 0;
    for (boolean b : setAside) {
      c += b ? 1 : 0;
    }
    this.setAsideCount = c;
  }

  int size() {
    return ops.size();
  }

  Object key() {
    return key;
  }

  /**
   * Searches until decided or out of budget, with up to two searches taking turns, slice by
   * slice: one tries crashed candidates first, the other completed ones. Neither order wins everywhere (see
   * checkers/README.md): with 5 % crashed operations on a busy key, crashed-first decides where
   * the other explores every interleaving of the pending writes before placing the crashed write
   * a read needs; with reads that a crashed write explains only by chance, completed-first
   * decides where the other loses itself in crashed explanations. Crashed-first, the better one
   * in most histories, runs alone until it stalls (see {@link #STALL}); from then on the two take
   * turns. Both are exact, so the first answer stands; taking turns costs at most twice the
   * better one's steps (and both memos).
   */
  PartOutcome run(Budget budget, AtomicBoolean cancelled) {
    if (cancelled.get()) {
      return new PartOutcome.NotSearched(key, ops.size(), PartScheduler.NOT_STARTED_CANCELLED);
    }
    PartOutcome o = resume(budget, cancelled);
    if (!(o instanceof PartOutcome.Undecided u && u.reason().equals(PartScheduler.TIME))) {
      release();
    }
    return o;
  }

  /** Continues the searches where the last run left them (out of time), or starts them. */
  private PartOutcome resume(Budget budget, AtomicBoolean cancelled) {
    if (lead == null) {
      lead = new Run(cancelled, order != SearchOrder.COMPLETED_FIRST);
    }
    if (order != SearchOrder.ALTERNATE) {
      return lead.advance(budget, Long.MAX_VALUE);
    }
    while (second == null) { // the lead alone while it keeps linearising more operations
      PartOutcome a = lead.advance(budget, leadUntil);
      if (a != null) {
        return a;
      }
      leadUntil += SLICE;
      if (lead.steps - lead.lastProgress > STALL) {
        second = new Run(cancelled, false);
      }
    }
    while (true) {
      PartOutcome b = second.advance(budget, secondUntil);
      if (b != null) {
        return furthestOf(b, lead);
      }
      secondUntil += SLICE;
      PartOutcome a = lead.advance(budget, leadUntil);
      if (a != null) {
        return furthestOf(a, second);
      }
      leadUntil += SLICE;
    }
  }

  /**
   * Gives back the memory of searches kept for resuming (a run that ends otherwise than out of
   * time does so itself). The scheduler calls it when the check is over.
   */
  void release() {
    if (lead != null) {
      lead.release();
      lead = null;
    }
    if (second != null) {
      second.release();
      second = null;
    }
  }

  /** An undecided outcome reports the further progress of the two searches. */
  private PartOutcome furthestOf(PartOutcome o, Run other) {
    if (o instanceof PartOutcome.Undecided u && other != null) {
      return new PartOutcome.Undecided(u.key(), u.operations(), u.reason(),
          Math.max(u.furthest(), Math.max(other.furthest, other.bestDepth)), u.completed(),
          Math.max(u.furthestCompleted(), other.furthestKnown), u.setAside());
    }
    return o;
  }

  /** Classes of crashed operations are compared by input value; arrays by their elements. */
  private static Object classKey(Object input) {
    return input instanceof Object[] a ? Arrays.asList(a) : input;
  }

  /** The state of one search; all arrays are sized once. */
  private final class Run {
    private Budget budget;
    private final AtomicBoolean cancelled;
    private final boolean crashedFirst;

    // Completed operations, j = 0..nk-1 in call order; event list nodes: 0 head, 2j+1 call, 2j+2 return.
    private final int nk;
    private final int[] knownOp;
    private final int[] next;
    private final int[] prev;
    private final long[] zobrist;
    private final long[] kBits;
    private final int kWords;
    private final long lastMask;
    private int kLow;
    private int kHigh = -1;
    private long kHash;

    // Crashed operations by class, c = 0..classes-1 in order of their first call.
    private final int classes;
    private final int[][] members;
    private final int[] firstCall;
    private final int[] used;
    private final int[] cnext;
    private final int[] cprev;
    private final int fieldBits;
    private final int perWord;
    private final long[] iBits;
    private int iLow;
    private int iHigh = -1;
    private final long[] classHash;
    private long iHash;

    private final MemoTable memo;

    Run(AtomicBoolean cancelled, boolean crashedFirst) {
      this.cancelled = cancelled;
      this.crashedFirst = crashedFirst;
      int n = ops.size();
      int[] known = new int[n];
      int k = 0;
      Map<Object, List<Integer>> byClass = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        if (setAside[i]) {
          continue;
        }
        if (ops.get(i).known()) {
          known[k++] = i;
        } else {
          byClass.computeIfAbsent(classKey(inputs[i]), x -> new ArrayList<>()).add(i);
        }
      }
      nk = k;
      knownOp = Arrays.copyOf(known, k);
      next = new int[2 * nk + 1];
      prev = new int[2 * nk + 1];
      long[] order = new long[2 * nk];
      for (int j = 0; j < nk; j++) {
        Operation o = ops.get(knownOp[j]);
        order[2 * j] = ((long) o.call() << 30) | (2L * j);
        order[2 * j + 1] = ((long) o.ret() << 30) | (2L * j + 1);
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
      zobrist = new long[nk];
      SplittableRandom rnd = new SplittableRandom(0x5EED ^ nk);
      for (int j = 0; j < nk; j++) {
        zobrist[j] = rnd.nextLong();
      }
      kWords = (nk + 63) >>> 6;
      kBits = new long[Math.max(1, kWords)];
      lastMask = nk % 64 == 0 ? -1L : (1L << (nk % 64)) - 1;

      classes = byClass.size();
      members = new int[classes][];
      firstCall = new int[classes];
      used = new int[classes];
      cnext = new int[classes + 1];
      cprev = new int[classes + 1];
      int c = 0;
      int largest = 1;
      for (List<Integer> m : byClass.values()) {
        members[c] = m.stream().mapToInt(Integer::intValue).toArray();
        firstCall[c] = ops.get(members[c][0]).call();
        largest = Math.max(largest, members[c].length);
        c++;
      }
      // A circular list of the classes not used up, with index {@code classes} as its sentinel.
      for (int x = 0; x <= classes; x++) {
        cnext[x] = (x + 1) % (classes + 1);
        cprev[x] = (x + classes) % (classes + 1);
      }
      fieldBits = 65 - Long.numberOfLeadingZeros(largest); // bits for the count, plus a guard
      perWord = 64 / fieldBits;
      iBits = new long[Math.max(1, (classes + perWord - 1) / perWord)];
      iLow = iBits.length;
      memo = new MemoTable(fieldBits, 2 * (nk + classes));
      classHash = new long[classes];
      for (int x = 0; x < classes; x++) {
        classHash[x] = rnd.nextLong();
      }
    }

    private long full(int w) {
      return w == kWords - 1 ? lastMask : -1L;
    }

    private void setKnown(int j) {
      int w = j >>> 6;
      kBits[w] |= 1L << j;
      kHash ^= zobrist[j];
      if (w > kHigh) {
        kHigh = w;
      }
      while (kLow < kWords && kBits[kLow] == full(kLow)) {
        kLow++;
      }
    }

    private void clearKnown(int j) {
      int w = j >>> 6;
      kBits[w] &= ~(1L << j);
      kHash ^= zobrist[j];
      if (w < kLow) {
        kLow = w;
      }
      while (kHigh >= 0 && kBits[kHigh] == 0) {
        kHigh--;
      }
    }

    private void useClass(int c) {
      int w = c / perWord;
      iBits[w] += 1L << ((c % perWord) * fieldBits);
      iHash += classHash[c];
      iLow = Math.min(iLow, w);
      iHigh = Math.max(iHigh, w);
      if (++used[c] == members[c].length) { // exhausted: out of the class list
        cnext[cprev[c]] = cnext[c];
        cprev[cnext[c]] = cprev[c];
      }
    }

    private void unuseClass(int c) {
      if (used[c]-- == members[c].length) {
        cnext[cprev[c]] = c;
        cprev[cnext[c]] = c;
      }
      int w = c / perWord;
      iBits[w] -= 1L << ((c % perWord) * fieldBits);
      iHash -= classHash[c];
      while (iLow < iBits.length && iBits[iLow] == 0) {
        iLow++;
      }
      while (iHigh >= 0 && iBits[iHigh] == 0) {
        iHigh--;
      }
    }

    private boolean record(S state, S before) {
      return memo.addIfNotDominated(kHash, kBits, kLow, kHigh, state, model.stateBytes(state),
          iBits, iLow, iHigh, iHash, before);
    }

    // The current configuration and the path to it.
    private S state;
    private int depth;
    private int doneKnown;
    private int[] stackCode; // j >= 0: completed op j; -1-c: a member of class c
    private int[] stackOp;
    private S[] stackState;
    private long[] frameFrontier;
    private int[] frameBlocked;
    private boolean[] frameForced;

    // Where the search stands between slices (see advance).
    private boolean started;
    private long charged;
    private long steps;
    private int phase = ENTER;
    private int node;
    private int cls;
    /** The deepest dead end so far: its prefix, copied incrementally (only what changed). */
    private int bestDepth = -1;
    private int[] bestOps;
    private int stableDepth;
    private S bestState;
    private int bestBlocked = -1;
    private int[] bestCandidates;
    private int furthest;
    private int furthestKnown;
    /** The step at which {@link #furthestKnown} last grew. */
    private long lastProgress;

    /**
     * Searches on until decided, stopped (cancelled, out of time or memory), or {@code until}
     * steps are done in all.
     *
     * @return the outcome, or null when paused at {@code until}
     */
    PartOutcome advance(Budget budget, long until) {
      this.budget = budget;
      final int n = ops.size();
      if (!started) {
        started = true;
        if (nk == 0) { // every remaining operation crashed: none of them need have happened
          return new PartOutcome.Linearizable(key, n, 0, setAsideCount);
        }
        int maxDepth = n - setAsideCount;
        stackCode = new int[maxDepth];
        stackOp = new int[maxDepth];
        @SuppressWarnings("unchecked")
        S[] states = (S[]) new Object[maxDepth];
        stackState = states;
        frameFrontier = new long[maxDepth + 1];
        frameBlocked = new int[maxDepth + 1];
        frameForced = new boolean[maxDepth + 1];
        bestOps = new int[maxDepth];
        cls = classes;
        state = model.init();
        record(state, null);
      }
      while (true) {
        long pending = memo.bytes() - charged;
        // Poll every few thousand steps, or sooner once a MiB of memo is unaccounted for, so the
        // memory budget is overshot by at most about a MiB per part.
        if ((++steps & POLL_MASK) == 0 || pending > (1 << 20)) {
          String stop = null;
          if (cancelled.get()) {
            stop = PartScheduler.CANCELLED;
          } else if (budget.timeUp()) {
            stop = PartScheduler.TIME;
          } else {
            boolean within = budget.charge(pending);
            charged += pending;
            if (!within) {
              stop = "memory budget exhausted (" + budget.memoryUsed() / (1 << 20) + " MiB of "
                  + budget.memoryLimit() / (1 << 20) + " MiB estimated for memo tables)";
            }
          }
          if (stop != null) {
            return new PartOutcome.Undecided(key, n, stop, Math.max(furthest, bestDepth), nk,
                furthestKnown, setAsideCount);
          }
          if (steps >= until) {
            return null;
          }
        }
        boolean pushed = false;
        boolean deadEnd = false;
        if (phase == DEAD) {
          deadEnd = true;
        } else if (phase == ENTER) {
          int forced = enter();
          if (forced >= 0) {
            pushed = tryKnown(forced);
            deadEnd = !pushed;
          } else if (crashedFirst) {
            phase = CRASHED;
            cls = cnext[classes];
          } else {
            phase = KNOWN;
            node = next[0];
          }
        } else if (phase == KNOWN) {
          int e = node - 1;
          if ((e & 1) == 0) { // a pending call: try to linearise that completed operation now
            pushed = tryKnown(e >>> 1);
            if (!pushed) {
              node = next[node];
            }
          } else if (crashedFirst) { // the earliest pending return: completed ones all tried
            deadEnd = true;
          } else {
            phase = CRASHED;
            cls = cnext[classes];
          }
        } else if (cls != classes && firstCall[cls] < frameFrontier[depth]) {
          pushed = tryCrashed(cls);
          if (!pushed) {
            cls = cnext[cls];
          }
        } else if (crashedFirst) { // crashed candidates all tried: now the completed ones
          phase = KNOWN;
          node = next[0];
        } else {
          deadEnd = true;
        }
        if (pushed) {
          if (doneKnown == nk) {
            return new PartOutcome.Linearizable(key, n, memo.size(), setAsideCount);
          }
          furthest = Math.max(furthest, depth);
          if (doneKnown > furthestKnown) {
            furthestKnown = doneKnown;
            lastProgress = steps;
          }
          phase = ENTER;
          continue;
        }
        if (!deadEnd) {
          continue;
        }
        // Every candidate of this configuration failed.
        if (depth > bestDepth) {
          System.arraycopy(stackOp, stableDepth, bestOps, stableDepth, depth - stableDepth);
          stableDepth = depth;
          bestDepth = depth;
          bestState = state;
          bestBlocked = knownOp[frameBlocked[depth]];
          bestCandidates = candidates(frameBlocked[depth], frameFrontier[depth]);
        }
        if (depth == 0) {
          return new PartOutcome.NotLinearizable(key, n, memo.size(),
              evidence(bestOps, bestDepth, bestState, bestBlocked, bestCandidates));
        }
        int code = pop();
        stableDepth = Math.min(stableDepth, depth);
        if (frameForced[depth]) { // its only child failed
          phase = DEAD;
        } else if (code >= 0) {
          phase = KNOWN;
          node = next[2 * code + 1];
        } else {
          phase = CRASHED;
          cls = cnext[-1 - code];
        }
      }
    }

    /** Gives back what this search charged to the memory budget; its memo is garbage now. */
    void release() {
      if (budget != null) {
        budget.charge(-charged);
      }
      charged = 0;
    }

    /**
     * Starts on the configuration at {@code depth}: finds its earliest pending return (the frontier
     * for crashed candidates) and, by rule (5), a read-only completed candidate legal here, which
     * is then its only child.
     *
     * @return that candidate, or -1
     */
    private int enter() {
      int forced = -1;
      int node = next[0];
      while (((node - 1) & 1) == 0) {
        int j = (node - 1) >>> 1;
        if (forced < 0 && readOnly[knownOp[j]] && model.step(state, inputs[knownOp[j]]) != null) {
          forced = j;
        }
        node = next[node];
      }
      int blocked = (node - 1) >>> 1;
      frameBlocked[depth] = blocked;
      frameFrontier[depth] = ops.get(knownOp[blocked]).ret();
      frameForced[depth] = forced >= 0;
      return forced;
    }

    /** Linearises completed op {@code j} next if legal, allowed and not dominated. */
    private boolean tryKnown(int j) {
      I in = inputs[knownOp[j]];
      S nextState = model.step(state, in);
      if (nextState == null || !needed(nextState, in)) {
        return false;
      }
      setKnown(j);
      if (!record(nextState, null)) {
        clearKnown(j);
        return false;
      }
      stackCode[depth] = j;
      stackOp[depth] = knownOp[j];
      stackState[depth] = state;
      depth++;
      state = nextState;
      lift(2 * j + 1, 2 * j + 2);
      doneKnown++;
      return true;
    }

    /** Linearises the next member of class {@code c} if called in time, allowed and not dominated. */
    private boolean tryCrashed(int c) {
      int op = members[c][used[c]];
      if (ops.get(op).call() >= frameFrontier[depth]) {
        return false;
      }
      S nextState = model.step(state, inputs[op]);
      if (nextState == null || nextState.equals(state) || !needed(nextState, inputs[op])) {
        return false;
      }
      useClass(c);
      if (!record(nextState, state)) {
        unuseClass(c);
        return false;
      }
      stackCode[depth] = -1 - c;
      stackOp[depth] = op;
      stackState[depth] = state;
      depth++;
      state = nextState;
      return true;
    }

    /** Undoes the last step; returns its code. */
    private int pop() {
      depth--;
      int code = stackCode[depth];
      state = stackState[depth];
      stackState[depth] = null;
      if (code >= 0) {
        clearKnown(code);
        doneKnown--;
        unlift(2 * code + 1, 2 * code + 2);
      } else {
        unuseClass(-1 - code);
      }
      return code;
    }

    /**
     * Rule (2): right after a crashed step from p, a step is tried only if it gives a different
     * result from p than from the current state.
     */
    private boolean needed(S nextState, I in) {
      if (depth == 0 || stackCode[depth - 1] >= 0) {
        return true;
      }
      S fromBefore = model.step(stackState[depth - 1], in);
      return !nextState.equals(fromBefore);
    }

    private void lift(int call, int ret) {
      next[prev[call]] = next[call];
      prev[next[call]] = prev[call]; // a call is always followed by at least its return
      next[prev[ret]] = next[ret];
      if (next[ret] != -1) {
        prev[next[ret]] = prev[ret];
      }
    }

    private void unlift(int call, int ret) {
      next[prev[ret]] = ret;
      if (next[ret] != -1) {
        prev[next[ret]] = ret;
      }
      next[prev[call]] = call;
      prev[next[call]] = call;
    }

    /** What could have come next before completed op {@code blocked} returned (ops indices). */
    private int[] candidates(int blocked, long frontier) {
      int[] found = new int[MAX_CANDIDATES];
      int count = 0;
      int stop = 2 * blocked + 2;
      for (int node = next[0]; node != -1 && node != stop && count < MAX_CANDIDATES; node = next[node]) {
        if (((node - 1) & 1) == 0) {
          found[count++] = knownOp[(node - 1) >>> 1];
        }
      }
      for (int c = cnext[classes]; c != classes && count < MAX_CANDIDATES && firstCall[c] < frontier; c = cnext[c]) {
        int op = members[c][used[c]];
        if (ops.get(op).call() < frontier) {
          found[count++] = op;
        }
      }
      return Arrays.copyOf(found, count);
    }
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
    List<Operation> aside = new ArrayList<>(setAsideCount);
    for (int i = 0; i < ops.size(); i++) {
      if (setAside[i]) {
        aside.add(ops.get(i));
      }
    }
    return new Counterexample(key, modelName, ops, prefix, model.describe(state),
        ops.get(blockedOp), candidates, aside);
  }
}
