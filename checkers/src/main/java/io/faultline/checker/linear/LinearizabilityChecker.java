package io.faultline.checker.linear;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.History;
import io.faultline.checker.history.HistoryFormatException;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.Operation;
import io.faultline.checker.history.Pairing;
import io.faultline.checker.model.Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Linearizability checker (Knossos/Porcupine family). Splits the history into independent parts
 * (by {@link Model#partition}, i.e. by key by default), searches each with {@link PartSearch} on
 * a pool of {@code parallelism} threads, largest parts first; the first part found not
 * linearisable cancels the others. Within the time and memory budget the answer is exact; beyond
 * it the answer is {@link Verdict#UNKNOWN} with the parts that were proven and how far the others
 * got. Malformed histories and operations the model does not understand are errors, not verdicts.
 */
public final class LinearizabilityChecker implements Checker {
  private final Model<?, ?> model;
  private final Duration timeLimit;
  private final long memoryBudget;
  private final int parallelism;
  private final LongSupplier clock;

  private LinearizabilityChecker(Builder b) {
    this.model = Objects.requireNonNull(b.model, "model");
    this.timeLimit = b.timeLimit;
    this.memoryBudget = b.memoryBudget;
    this.parallelism = b.parallelism;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "linearizable";
  }

  public Model<?, ?> model() {
    return model;
  }

  /** Checks an in-memory history; a malformed one is an {@link IllegalArgumentException}. */
  @Override
  public CheckResult check(List<Op> history) {
    try {
      return check(History.of("history", history));
    } catch (HistoryFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Checks a history read from a file; problems name the file and line. */
  public CheckResult check(History history) throws HistoryFormatException {
    return checkOperations(history.source(), Pairing.pair(history));
  }

  /** Checks already-paired operations. */
  public CheckResult checkOperations(String source, List<Operation> operations)
      throws HistoryFormatException {
    long start = clock.getAsLong();
    Map<Object, List<Operation>> parts = new LinkedHashMap<>();
    for (Operation op : operations) {
      parts.computeIfAbsent(model.partition(op), k -> new ArrayList<>()).add(op);
    }
    List<PartSearch<?, ?>> searches = new ArrayList<>();
    Budget budget = new Budget(timeLimit, memoryBudget, clock);
    AtomicBoolean cancelled = new AtomicBoolean();
    for (Map.Entry<Object, List<Operation>> part : parts.entrySet()) {
      searches.add(search(model, source, part.getKey(), part.getValue(), budget, cancelled));
    }
    searches.sort(Comparator.comparingInt((PartSearch<?, ?> s) -> -s.size()));
    List<PartOutcome> outcomes = runAll(searches, cancelled);
    return Verdicts.summarise(model.name(), operations.size(), outcomes,
        (clock.getAsLong() - start) / 1_000_000);
  }

  private static <S, I> PartSearch<S, I> search(Model<S, I> model, String source, Object key,
      List<Operation> ops, Budget budget, AtomicBoolean cancelled) throws HistoryFormatException {
    List<Operation> local = new ArrayList<>(ops.size());
    @SuppressWarnings("unchecked")
    I[] inputs = (I[]) new Object[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      Operation op = ops.get(i).withId(i);
      local.add(op);
      try {
        inputs[i] = model.prepare(op);
      } catch (IllegalArgumentException e) {
        throw new HistoryFormatException(source, op.line(), e.getMessage());
      }
    }
    return new PartSearch<>(model, key, local, inputs, budget, cancelled);
  }

  private List<PartOutcome> runAll(List<PartSearch<?, ?>> searches, AtomicBoolean cancelled) {
    List<PartOutcome> outcomes = new ArrayList<>(searches.size());
    if (parallelism <= 1 || searches.size() <= 1) {
      for (PartSearch<?, ?> s : searches) {
        outcomes.add(runOne(s, cancelled));
      }
      return outcomes;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, searches.size()), r -> {
      Thread t = new Thread(r, "linearizability-search");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<PartOutcome>> futures = new ArrayList<>(searches.size());
      for (PartSearch<?, ?> s : searches) {
        futures.add(pool.submit(() -> runOne(s, cancelled)));
      }
      for (Future<PartOutcome> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
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

  private static PartOutcome runOne(PartSearch<?, ?> s, AtomicBoolean cancelled) {
    PartOutcome outcome = s.run();
    if (outcome instanceof PartOutcome.NotLinearizable) {
      cancelled.set(true);
    }
    return outcome;
  }

  /** Configures a {@link LinearizabilityChecker}. */
  public static final class Builder {
    private Model<?, ?> model;
    private Duration timeLimit = Duration.ofSeconds(60);
    private long memoryBudget = Runtime.getRuntime().maxMemory() / 2;
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private LongSupplier clock = System::nanoTime;

    public Builder model(Model<?, ?> model) {
      this.model = model;
      return this;
    }

    /** Wall-time budget for one check (default 60 s). */
    public Builder timeLimit(Duration limit) {
      this.timeLimit = limit;
      return this;
    }

    /** Memo-table memory budget for one check, in estimated bytes (default half the max heap). */
    public Builder memoryBudget(long bytes) {
      this.memoryBudget = bytes;
      return this;
    }

    /** Parts searched at once (default: all cores). */
    public Builder parallelism(int threads) {
      this.parallelism = Math.max(1, threads);
      return this;
    }

    /** Monotonic nanosecond clock for the time budget (tests inject their own). */
    public Builder clock(LongSupplier nanoClock) {
      this.clock = nanoClock;
      return this;
    }

    public LinearizabilityChecker build() {
      return new LinearizabilityChecker(this);
    }
  }
}
