package io.faultline.checker;

import io.faultline.checker.history.Op;
import java.util.List;

/**
 * Reads a whole history and returns a verdict with evidence. A checker that runs out of its time
 * or memory budget answers {@link Verdict#UNKNOWN} with what it did establish, and never throws
 * for a budget reason.
 */
public interface Checker {

  /** The name under which the result appears in results.json and the report. */
  String name();

  CheckResult check(List<Op> history);
}
