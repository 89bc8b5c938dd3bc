package io.faultline.checker.history;

import java.util.List;
import java.util.Optional;

/**
 * Whether a history can back a VALID verdict: it must hold at least one client operation that
 * completed {@code ok}. Without one, nothing was observed to happen — the history is empty, blank,
 * only nemesis events, or every operation failed (did not happen) or crashed (may not have) — so a
 * checker has nothing to contradict and "valid" would be vacuous; the verdict is UNKNOWN with
 * {@link #missing()} as the reason. {@code faultline check} applies this to every file and
 * {@code faultline analyze} reaches the same verdict through the workloads' stats checker, which
 * counts ok operations the same way.
 *
 * @param records every record
 * @param nemesis nemesis records
 * @param invocations client invocations
 * @param ok client {@code ok} completions
 */
public record Proof(int records, int nemesis, int invocations, int ok) {

  public static Proof of(List<Op> ops) {
    int nemesis = 0;
    int invocations = 0;
    int ok = 0;
    for (Op op : ops) {
      if (op.isNemesis()) {
        nemesis++;
      } else if (op.type() == OpType.INVOKE) {
        invocations++;
      } else if (op.type() == OpType.OK) {
        ok++;
      }
    }
    return new Proof(ops.size(), nemesis, invocations, ok);
  }

  /** Why this history proves nothing, or empty when it has an ok client operation. */
  public Optional<String> missing() {
    if (ok > 0) {
      return Optional.empty();
    }
    String what;
    if (records == 0) {
      what = "the history is empty";
    } else if (records == nemesis) {
      what = "the history has no client operations, only " + nemesis + " nemesis event" + (nemesis == 1 ? "" : "s");
    } else {
      what = "no client operation completed ok (" + invocations + " invoked; every one failed, crashed or never completed)";
    }
    return Optional.of(what + ": nothing was observed to happen, so there is nothing to check");
  }
}
