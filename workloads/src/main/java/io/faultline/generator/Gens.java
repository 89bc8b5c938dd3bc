package io.faultline.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The generator combinators. Every combinator returns a new {@link Gen} value; the state lives in
 * the cursors it opens. Randomness comes from the {@link Worker}, time from the caller.
 */
public final class Gens {
  private Gens() {}

  /** Emits {@code source}'s operations forever, as fast as asked. */
  public static Gen repeat(OpSource source) {
    return worker -> {
      SplittableRandom random = worker.random("values");
      return now -> new Step.Emit(source.make(random));
    };
  }

  /** Emits exactly one operation, then is exhausted. */
  public static Gen once(Invocation invocation) {
    return worker -> {
      boolean[] done = {false};
      return now -> {
        if (done[0]) {
          return Step.exhausted();
        }
        done[0] = true;
        return new Step.Emit(invocation);
      };
    };
  }

  /** Nothing at all. */
  public static Gen empty() {
    return worker -> now -> Step.exhausted();
  }

  /**
   * Each step draws uniformly from the generators that are not yet exhausted; exhausted when all
   * are. A generator that is pending is skipped for that draw if another can emit.
   */
  public static Gen mix(Gen... gens) {
    List<Gen> all = List.of(gens);
    return worker -> {
      SplittableRandom random = worker.random("mix");
      List<Gen.Cursor> live = new ArrayList<>();
      for (Gen g : all) {
        live.add(g.open(worker));
      }
      return now -> {
        long earliest = Long.MAX_VALUE;
        while (!live.isEmpty()) {
          int pick = random.nextInt(live.size());
          Step step = live.get(pick).next(now);
          if (step instanceof Step.Emit) {
            return step;
          }
          if (step instanceof Step.Exhausted) {
            live.remove(pick);
            continue;
          }
          earliest = Math.min(earliest, ((Step.Pending) step).untilNanos());
          // Pending: try the others once each, in order, before reporting the earliest wake-up.
          for (int i = 0; i < live.size(); i++) {
            if (i == pick) {
              continue;
            }
            Step other = live.get(i).next(now);
            if (other instanceof Step.Emit) {
              return other;
            }
            if (other instanceof Step.Pending p) {
              earliest = Math.min(earliest, p.untilNanos());
            }
          }
          return new Step.Pending(earliest);
        }
        return Step.exhausted();
      };
    };
  }

  /**
   * Spaces the operations of one worker by a random gap uniform in {@code [0, 2 × meanNanos)}, so
   * workers do not fire in lock-step; the first operation is also delayed by such a gap.
   */
  public static Gen stagger(long meanNanos, Gen gen) {
    if (meanNanos <= 0) {
      return gen;
    }
    return worker -> {
      SplittableRandom random = worker.random("stagger");
      Gen.Cursor inner = gen.open(worker);
      long[] nextAt = {Long.MIN_VALUE};
      return now -> {
        if (nextAt[0] == Long.MIN_VALUE) {
          nextAt[0] = now + random.nextLong(2 * meanNanos);
        }
        if (now < nextAt[0]) {
          return new Step.Pending(nextAt[0]);
        }
        Step step = inner.next(now);
        if (step instanceof Step.Emit) {
          // Schedule from the planned time, not from now, so slow operations do not lower the rate
          // more than they must; never schedule in the past more than one gap.
          nextAt[0] = Math.max(nextAt[0], now - meanNanos) + random.nextLong(2 * meanNanos);
        }
        return step;
      };
    };
  }

  /**
   * Limits the whole test to about {@code opsPerSecond} operations per second across all {@code
   * concurrency} workers, by staggering each worker at {@code concurrency / opsPerSecond}.
   */
  public static Gen rate(double opsPerSecond, Gen gen) {
    if (opsPerSecond <= 0) {
      return gen;
    }
    return worker -> {
      long mean = (long) (worker.concurrency() * 1e9 / opsPerSecond);
      return stagger(mean, gen).open(worker);
    };
  }

  /**
   * Exhausted at the absolute time {@code deadlineNanos} (on the clock the interpreter passes to
   * {@code next}), however late a worker's cursor was first asked: a phase's time limit is the
   * phase's, not each worker's. Counted per worker, a thousand workers that start over several
   * seconds each ran their own full limit, and the phase overran by as much.
   */
  public static Gen until(long deadlineNanos, Gen gen) {
    return worker -> {
      Gen.Cursor inner = gen.open(worker);
      return now -> {
        if (now >= deadlineNanos) {
          return Step.exhausted();
        }
        Step step = inner.next(now);
        if (step instanceof Step.Pending p && p.untilNanos() >= deadlineNanos) {
          return new Step.Pending(deadlineNanos);
        }
        return step;
      };
    };
  }

  /** Exhausted once {@code nanos} have passed since the cursor was first asked. */
  public static Gen timeLimit(long nanos, Gen gen) {
    return worker -> {
      Gen.Cursor inner = gen.open(worker);
      long[] deadline = {Long.MIN_VALUE};
      return now -> {
        if (deadline[0] == Long.MIN_VALUE) {
          deadline[0] = now + nanos;
        }
        if (now >= deadline[0]) {
          return Step.exhausted();
        }
        Step step = inner.next(now);
        if (step instanceof Step.Pending p && p.untilNanos() >= deadline[0]) {
          return new Step.Pending(deadline[0]);
        }
        return step;
      };
    };
  }

  /** At most {@code count} operations per worker. */
  public static Gen limit(long count, Gen gen) {
    return worker -> {
      Gen.Cursor inner = gen.open(worker);
      long[] emitted = {0};
      return now -> {
        if (emitted[0] >= count) {
          return Step.exhausted();
        }
        Step step = inner.next(now);
        if (step instanceof Step.Emit) {
          emitted[0]++;
        }
        return step;
      };
    };
  }

  /** Runs each generator to exhaustion, one after the other (per worker). */
  public static Gen phases(Gen... gens) {
    List<Gen> all = List.of(gens);
    return worker -> {
      int[] current = {0};
      Gen.Cursor[] cursor = {all.isEmpty() ? null : all.get(0).open(worker)};
      return now -> {
        while (current[0] < all.size()) {
          Step step = cursor[0].next(now);
          if (!(step instanceof Step.Exhausted)) {
            return step;
          }
          current[0]++;
          if (current[0] < all.size()) {
            cursor[0] = all.get(current[0]).open(worker);
          }
        }
        return Step.exhausted();
      };
    };
  }

  /**
   * Many independent keys, each driven by a group of {@code groupSize} workers at a time (Jepsen's
   * independent concurrent generator): worker {@code w} belongs to group {@code w / groupSize};
   * groups work on disjoint keys {@code k<g>, k<g+groups>, ...}; every worker of a group works on the
   * group's current key, and the key is retired after {@code opsPerKey} operations of the whole
   * group. The group's count is shared by its workers, so which operation lands on which key
   * depends on their interleaving; the operations themselves still depend only on the seed. Each
   * call makes fresh group counters: build the generator once per test run.
   */
  public static Gen perKey(int groupSize, long opsPerKey, Gen perKeyOps) {
    return perKey(groupSize, opsPerKey, perKeyOps, new KeyLedger());
  }

  /** As {@link #perKey(int, long, Gen)}, recording every key it hands out in {@code ledger}. */
  public static Gen perKey(int groupSize, long opsPerKey, Gen perKeyOps, KeyLedger ledger) {
    if (groupSize < 1 || opsPerKey < 1) {
      throw new IllegalArgumentException("groupSize and opsPerKey must be >= 1");
    }
    java.util.concurrent.ConcurrentHashMap<Integer, java.util.concurrent.atomic.AtomicLong> groupOps =
        new java.util.concurrent.ConcurrentHashMap<>();
    return worker -> {
      int groups = Math.max(1, (worker.concurrency() + groupSize - 1) / groupSize);
      int group = worker.index() / groupSize;
      java.util.concurrent.atomic.AtomicLong count =
          groupOps.computeIfAbsent(group, g -> new java.util.concurrent.atomic.AtomicLong());
      Gen.Cursor inner = perKeyOps.open(worker);
      return now -> {
        Step step = inner.next(now);
        if (step instanceof Step.Emit emit) {
          long generation = count.getAndIncrement() / opsPerKey;
          long keyIndex = group + (long) groups * generation;
          String key = "k" + keyIndex;
          ledger.record(key);
          return new Step.Emit(emit.invocation().withKey(key));
        }
        return step;
      };
    };
  }

  /**
   * One {@code f} (a read) of every key in {@code ledger}, the keys dealt round-robin over the
   * workers: worker {@code w} reads keys {@code w, w + concurrency, ...} of the ledger's stable
   * order. The ledger is read when the cursor opens, i.e. when the phase starts.
   */
  public static Gen eachKeyOnce(KeyLedger ledger, String f) {
    return worker -> {
      List<String> keys = ledger.keys();
      int[] next = {worker.index()};
      return now -> {
        if (next[0] >= keys.size()) {
          return Step.exhausted();
        }
        String key = keys.get(next[0]);
        next[0] += worker.concurrency();
        return new Step.Emit(new Invocation(f, key, null));
      };
    };
  }
}
