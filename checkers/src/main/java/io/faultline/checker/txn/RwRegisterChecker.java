package io.faultline.checker.txn;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.history.Op;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Elle's rw-register checker: transactions of {@code ["w", k, v]} and {@code ["r", k, v]}
 * micro-ops, written values unique per key. Invalid iff an anomaly the configured
 * {@link ConsistencyModel} forbids is found; unknown if the {@link Budget} ran out before every
 * search the model needs was done (with what was found so far in the details).
 */
public final class RwRegisterChecker implements Checker {
  private final TxnAnalysis analysis;

  /** Checks strict serializability with the default budget. */
  public RwRegisterChecker() {
    this(ConsistencyModel.STRICT_SERIALIZABLE, Budget.defaults(), System::nanoTime);
  }

  public RwRegisterChecker(ConsistencyModel model, Budget budget, LongSupplier nanoClock) {
    this.analysis = new TxnAnalysis(model, budget, nanoClock, RwRegisterInference::new);
  }

  @Override
  public String name() {
    return "rw-register";
  }

  @Override
  public CheckResult check(List<Op> history) {
    return analysis.check(history);
  }
}
