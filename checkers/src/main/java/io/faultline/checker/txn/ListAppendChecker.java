package io.faultline.checker.txn;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.history.Op;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Elle's list-append checker: transactions of {@code ["append", k, v]} and {@code ["r", k, list]}
 * micro-ops, appended values unique per key. Invalid iff an anomaly the configured
 * {@link ConsistencyModel} forbids is found; unknown if the {@link Budget} ran out before every
 * search the model needs was done (with what was found so far in the details).
 */
public final class ListAppendChecker implements Checker {
  private final TxnAnalysis analysis;

  /** Checks strict serializability with the default budget. */
  public ListAppendChecker() {
    this(ConsistencyModel.STRICT_SERIALIZABLE, Budget.defaults(), System::nanoTime);
  }

  public ListAppendChecker(ConsistencyModel model, Budget budget, LongSupplier nanoClock) {
    this.analysis = new TxnAnalysis(model, budget, nanoClock, ListAppendInference::new);
  }

  @Override
  public String name() {
    return "list-append";
  }

  @Override
  public CheckResult check(List<Op> history) {
    return analysis.check(history);
  }
}
