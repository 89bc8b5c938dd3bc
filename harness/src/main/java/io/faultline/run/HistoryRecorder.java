package io.faultline.run;

import io.faultline.checker.history.JsonlHistoryWriter;
import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The one place history events are made: it assigns dense indices and test-relative times under
 * one lock (so index order is time order), streams each event to {@code history.jsonl} as it
 * happens and keeps them in memory for the checkers. Counts completions for the progress line.
 */
public final class HistoryRecorder implements AutoCloseable {
  private final JsonlHistoryWriter writer;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final List<Op> ops = new ArrayList<>();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong fail = new AtomicLong();
  private final AtomicLong info = new AtomicLong();

  public HistoryRecorder(Path file, LongSupplier nanoClock) throws IOException {
    this.writer = new JsonlHistoryWriter(file);
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
  }

  /** Nanoseconds since the recorder was created: the history's time axis. */
  public long now() {
    return nanoClock.getAsLong() - startNanos;
  }

  public Op record(int process, OpType type, String f, Object key, Object value, String node, String error) {
    Op op;
    synchronized (this) {
      op = new Op(ops.size(), now(), process, type, f, key, value, node, error);
      ops.add(op);
      writer.append(op);
    }
    if (process != Op.NEMESIS) {
      switch (type) {
        case OK -> ok.incrementAndGet();
        case FAIL -> fail.incrementAndGet();
        case INFO -> info.incrementAndGet();
        default -> { }
      }
    }
    return op;
  }

  /** A nemesis event: process {@code "nemesis"}, type info. */
  public Op nemesis(String f, Object value) {
    return record(Op.NEMESIS, OpType.INFO, f, null, value, null, null);
  }

  public synchronized List<Op> snapshot() {
    return List.copyOf(ops);
  }

  public long okCount() {
    return ok.get();
  }

  public long failCount() {
    return fail.get();
  }

  public long infoCount() {
    return info.get();
  }

  @Override
  public synchronized void close() throws IOException {
    writer.close();
  }
}
