package io.faultline.checker.linear;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the parts of one check on {@code threads} threads under one shared budget, so that a few
 * hard parts cannot starve the easy ones. Parts go smallest first. When there are more parts than
 * threads, a first pass gives each part a share of the time (a quarter of the budget spread over
 * the parts, per thread) and sets aside the parts that do not finish in it; a second pass then
 * resumes those, smallest first, each for as long as the budget lasts. A part never
 * started (the budget ran out first, or another part was found not linearizable) is reported as
 * {@link PartOutcome.NotSearched}; a part that only had its first-pass share keeps the progress it
 * made then. The first part found not linearizable cancels the rest.
 */
final class PartScheduler {
  static final String NOT_STARTED_TIME = "not searched: the time budget ran out before this part was started";
  static final String NOT_STARTED_CANCELLED = "not searched: another part was found not linearizable first";
  static final String TIME = "time budget exhausted";
  static final String CANCELLED = "cancelled: another part was found not linearizable";

  private final int threads;

  PartScheduler(int threads) {
    this.threads = Math.max(1, threads);
  }

  /** The outcomes, in the order of {@code searches}. */
  List<PartOutcome> run(List<PartSearch<?, ?>> searches, Budget budget, long timeLimitNanos) {
    int parts = searches.size();
    PartOutcome[] outcomes = new PartOutcome[parts];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> searches.get(i).size()));
    AtomicBoolean cancelled = new AtomicBoolean();
    int workers = Math.min(threads, parts);
    if (parts <= workers) {
      runPass(order, i -> attempt(searches.get(i), budget, budget, cancelled), outcomes, workers, cancelled);
    } else {
      long share = share(timeLimitNanos, workers, parts);
      runPass(order, i -> {
        long now = budget.now();
        return attempt(searches.get(i), budget, budget.until(saturatedAdd(now, share)), cancelled);
      }, outcomes, workers, cancelled);
      List<Integer> deferred = new ArrayList<>();
      for (int i : order) {
        if (outcomes[i] instanceof PartOutcome.Undecided u && u.reason().equals(TIME) && !budget.timeUp()) {
          deferred.add(i);
        }
      }
      PartOutcome[] firstPass = outcomes.clone();
      runPass(deferred, i -> {
        PartOutcome.Undecided before = (PartOutcome.Undecided) firstPass[i];
        PartOutcome again = attempt(searches.get(i), budget, budget, cancelled);
        if (again instanceof PartOutcome.Undecided u) {
          return u.furthestOf(before);
        }
        if (again instanceof PartOutcome.NotSearched ns) {
          String why = ns.reason().equals(NOT_STARTED_TIME)
              ? TIME + " (this part had only its first-pass share of " + share / 1_000_000
                  + " ms; the rest went to other parts)"
              : CANCELLED;
          return new PartOutcome.Undecided(before.key(), before.operations(), why, before.furthest(),
              before.completed(), before.furthestCompleted(), before.setAside());
        }
        return again;
      }, outcomes, workers, cancelled);
    }
    for (PartSearch<?, ?> s : searches) {
      s.release(); // deferred parts never resumed still hold their memos
    }
    List<PartOutcome> out = new ArrayList<>(parts);
    for (PartOutcome o : outcomes) {
      out.add(o);
    }
    return out;
  }

  /** A quarter of the time limit spread over the parts, per thread; at least one nanosecond. */
  static long share(long timeLimitNanos, int workers, int parts) {
    long perPart = timeLimitNanos / (4L * parts);
    return perPart > Long.MAX_VALUE / workers ? Long.MAX_VALUE : Math.max(1, perPart * workers);
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
  }

  private static PartOutcome attempt(PartSearch<?, ?> s, Budget shared, Budget view, AtomicBoolean cancelled) {
    if (cancelled.get()) {
      return new PartOutcome.NotSearched(s.key(), s.size(), NOT_STARTED_CANCELLED);
    }
    if (shared.timeUp()) {
      return new PartOutcome.NotSearched(s.key(), s.size(), NOT_STARTED_TIME);
    }
    PartOutcome o = s.run(view, cancelled);
    if (o instanceof PartOutcome.NotLinearizable) {
      cancelled.set(true);
    }
    return o;
  }

  private interface Attempt {
    PartOutcome of(int part);
  }

  private static void runPass(List<Integer> order, Attempt attempt, PartOutcome[] outcomes, int workers,
      AtomicBoolean cancelled) {
    if (order.isEmpty()) {
      return;
    }
    AtomicInteger cursor = new AtomicInteger();
    Runnable worker = () -> {
      for (int k; (k = cursor.getAndIncrement()) < order.size(); ) {
        int i = order.get(k);
        outcomes[i] = attempt.of(i);
      }
    };
    int n = Math.min(workers, order.size());
    if (n <= 1) {
      worker.run();
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "linearizability-search");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>(n);
      for (int t = 0; t < n; t++) {
        futures.add(pool.submit(worker));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelled.set(true);
      throw new IllegalStateException("interrupted while checking", e);
    } catch (ExecutionException e) {
      cancelled.set(true);
      throw new IllegalStateException("search failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
