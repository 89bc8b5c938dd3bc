package io.faultline.checker.txn;

/** Thrown inside the checker when its {@link Budget} runs out; never escapes a checker. */
final class BudgetExceeded extends RuntimeException {
  BudgetExceeded(String message) {
    super(message, null, false, false);
  }
}
