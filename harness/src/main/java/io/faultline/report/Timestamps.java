package io.faultline.report;

import io.faultline.checker.history.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Some recorded histories carry no times (Porcupine's etcd logs, Knossos files without
 * {@code :time}): every event has the same time. Charts and the timeline need a time axis, so such
 * a history is drawn on positions instead, one event per millisecond, and the report says so.
 */
public final class Timestamps {
  /** The stand-in time between two events of an untimed history. */
  public static final long NANOS_PER_POSITION = 1_000_000L;

  private Timestamps() {}

  /** True when the history has at least two events and they all have the same time. */
  public static boolean missing(List<Op> history) {
    if (history.size() < 2) {
      return false;
    }
    long first = history.get(0).time();
    for (Op op : history) {
      if (op.time() != first) {
        return false;
      }
    }
    return true;
  }

  /** The same events with time = position × {@link #NANOS_PER_POSITION}. */
  public static List<Op> byPosition(List<Op> history) {
    List<Op> out = new ArrayList<>(history.size());
    for (int i = 0; i < history.size(); i++) {
      Op op = history.get(i);
      out.add(new Op(op.index(), i * NANOS_PER_POSITION, op.process(), op.type(), op.f(), op.key(), op.value(),
          op.node(), op.error()));
    }
    return out;
  }
}
