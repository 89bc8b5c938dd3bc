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
import io.faultline.checker.model.Reduction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Linearizability checker (Knossos/Porcupine family). Splits the history into independent parts
 * (by {@link Model#partition}, i.e. by key by default), sets aside in each the operations the
 * model's {@link Reduction} (if it has one) shows cannot matter, and searches the parts with
 * {@link PartSearch} on {@code parallelism} threads, smallest first and with a first pass that
 * gives every part a share of the time ({@link PartScheduler}); the first part found not
 * linearisable cancels the others. Within the time and memory budget the answer is exact; beyond
 * it the answer is {@link Verdict#UNKNOWN} with the parts that were proven, how far the others
 * got, and which were never searched. Malformed histories and operations the model does not
 * understand are errors, not verdicts.
 */
public final class LinearizabilityChecker implements Checker {
  private final Model<?, ?> model;
  private final Duration timeLimit;
  private final long memoryBudget;
  private final int parallelism;
  private final LongSupplier clock;
  private final SearchOrder order;

  private LinearizabilityChecker(Builder b) {
    this.model = Objects.requireNonNull(b.model, "model");
    this.timeLimit = b.timeLimit;
    this.memoryBudget = b.memoryBudget;
    this.parallelism = b.parallelism;
    this.clock = b.clock;
    this.order = b.order;
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
    for (Map.Entry<Object, List<Operation>> part : parts.entrySet()) {
      searches.add(search(model, source, part.getKey(), part.getValue(), order));
    }
    Budget budget = new Budget(timeLimit, memoryBudget, clock);
    List<PartOutcome> outcomes = new PartScheduler(parallelism).run(searches, budget, timeLimitNanos());
    return Verdicts.summarise(model.name(), operations.size(), outcomes,
        (clock.getAsLong() - start) / 1_000_000);
  }

  private long timeLimitNanos() {
    try {
      return timeLimit.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static <S, I> PartSearch<S, I> search(Model<S, I> model, String source, Object key,
      List<Operation> ops, SearchOrder order) throws HistoryFormatException {
    List<Operation> local = new ArrayList<>(ops.size());
    @SuppressWarnings("unchecked")
    I[] inputs = (I[]) new Object[ops.size()];
    boolean[] known = new boolean[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      Operation op = ops.get(i).withId(i);
      local.add(op);
      known[i] = op.known();
      try {
        inputs[i] = model.prepare(op);
      } catch (IllegalArgumentException e) {
        throw new HistoryFormatException(source, op.line(), e.getMessage());
      }
    }
    boolean[] setAside = new boolean[ops.size()];
    boolean[] readOnly = new boolean[ops.size()];
    if (model instanceof Reduction<?> r) {
      @SuppressWarnings("unchecked")
      Reduction<I> reduction = (Reduction<I>) r;
      for (int i = 0; i < ops.size(); i++) {
        readOnly[i] = reduction.readOnly(inputs[i]);
      }
      setAside = reduction.removable(Arrays.asList(inputs), known);
      if (setAside.length != ops.size()) {
        throw new IllegalStateException("model '" + model.name() + "' named " + setAside.length
            + " operations to set aside for a part of " + ops.size());
      }
    }
    return new PartSearch<>(model, key, local, inputs, setAside, readOnly, order);
  }

  /** Configures a {@link LinearizabilityChecker}. */
  public static final class Builder {
    private Model<?, ?> model;
    private Duration timeLimit = Duration.ofSeconds(60);
    private long memoryBudget = Runtime.getRuntime().maxMemory() / 2;
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private LongSupplier clock = System::nanoTime;
    private SearchOrder order = SearchOrder.ALTERNATE;

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

    /** Tests only: search in one order instead of two taking turns. */
    Builder searchOrder(SearchOrder searchOrder) {
      this.order = searchOrder;
      return this;
    }

    public LinearizabilityChecker build() {
      return new LinearizabilityChecker(this);
    }
  }
}
