package io.faultline.checker.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates a history and pairs each invocation with its completion (Jepsen/Knossos semantics):
 *
 * <ul>
 *   <li>{@code ok}: the operation happened between its invocation and completion; the
 *       completion's value is the output.
 *   <li>{@code fail}: it certainly did not happen; it is dropped.
 *   <li>{@code info}, or no completion at all: it may take effect at any point after its
 *       invocation, or never.
 *   <li>Nemesis events are ignored, as are {@code info} records with no open invocation (Knossos
 *       logs crash notices that way).
 * </ul>
 *
 * Malformed input (a completion with no invocation, two invocations open on one process, a
 * completion whose {@code f} differs from its invocation's, a completion timed before its own
 * invocation) is a {@link HistoryFormatException} naming the source and line. The last is an error
 * and not a warning because one process's invocation and completion are stamped by one clock, in
 * that order: a file that says otherwise was edited, merged or damaged, and which invocation the
 * completion belongs to is then in doubt. Times are compared only where both records carry one
 * ({@link History#timed}); time running backwards between different operations is legal (file
 * order is real-time order) and reported by {@link TimeReversal}.
 */
public final class Pairing {
  private Pairing() {}

  /** Checks the history's structure without keeping the pairing. */
  public static void validate(History history) throws HistoryFormatException {
    pair(history);
  }

  /** The operations of {@code history}, ids dense in invocation order; fails are dropped. */
  public static List<Operation> pair(History history) throws HistoryFormatException {
    List<Op> ops = history.ops();
    Map<Integer, Integer> open = new HashMap<>(); // process -> position of its open invocation
    Operation[] byCall = new Operation[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      if (op.isNemesis()) {
        continue;
      }
      if (op.type() == null) {
        throw error(history, i, "missing type");
      }
      if (op.f() == null) {
        throw error(history, i, "missing f");
      }
      Integer inv = open.get(op.process());
      switch (op.type()) {
        case INVOKE -> {
          if (inv != null) {
            throw error(history, i, "process " + op.process() + " invoked '" + op.f()
                + "' while its '" + ops.get(inv).f() + "' invoked at line "
                + history.line(inv) + " is still open");
          }
          open.put(op.process(), i);
        }
        case OK, FAIL, INFO -> {
          if (inv == null) {
            if (op.type() == OpType.INFO) {
              continue;
            }
            throw error(history, i, op.type().wireName() + " '" + op.f() + "' of process "
                + op.process() + " has no open invocation");
          }
          Op invoke = ops.get(inv);
          if (!invoke.f().equals(op.f())) {
            throw error(history, i, "completion f '" + op.f() + "' of process " + op.process()
                + " does not match its invocation's '" + invoke.f() + "' at line "
                + history.line(inv));
          }
          if (invoke.key() != null && op.key() != null && !Objects.equals(invoke.key(), op.key())) {
            throw error(history, i, "completion key " + Values.show(op.key())
                + " differs from its invocation's " + Values.show(invoke.key()));
          }
          if (history.timed(inv) && history.timed(i) && op.time() < invoke.time()) {
            throw error(history, i, op.type().wireName() + " '" + op.f() + "' of process " + op.process()
                + " has time " + op.time() + ", earlier than its invocation's " + invoke.time()
                + " at line " + history.line(inv) + " (an operation cannot complete before it is invoked)");
          }
          open.remove(op.process());
          Object key = invoke.key() != null ? invoke.key() : op.key();
          switch (op.type()) {
            case OK -> byCall[inv] = new Operation(0, op.process(), invoke.f(), key,
                invoke.value(), op.value(), true, inv, i, history.line(inv));
            case INFO -> byCall[inv] = unknown(invoke, key, inv, history.line(inv));
            default -> { } // fail: did not happen
          }
        }
      }
    }
    for (int inv : open.values()) {
      Op invoke = ops.get(inv);
      byCall[inv] = unknown(invoke, invoke.key(), inv, history.line(inv));
    }
    List<Operation> result = new ArrayList<>();
    for (Operation o : byCall) {
      if (o != null) {
        result.add(o.withId(result.size()));
      }
    }
    return result;
  }

  private static Operation unknown(Op invoke, Object key, int position, int line) {
    return new Operation(0, invoke.process(), invoke.f(), key, invoke.value(), null, false,
        position, Operation.NEVER, line);
  }

  private static HistoryFormatException error(History h, int i, String problem) {
    return new HistoryFormatException(h.source(), h.line(i), problem);
  }
}
