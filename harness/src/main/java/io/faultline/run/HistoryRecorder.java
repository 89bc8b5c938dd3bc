package io.faultline.run;

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
 * one lock (so index order is time order), keeps them in memory for the checkers and hands them to
 * a {@link HistoryFileWriter} that streams them to {@code history.jsonl} as they happen. Counts
 * completions for the progress line.
 */
public final class HistoryRecorder implements AutoCloseable {
  private final HistoryFileWriter file;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final List<Op> ops = new ArrayList<>();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong fail = new AtomicLong();
  private final AtomicLong info = new AtomicLong();

  public HistoryRecorder(Path path, LongSupplier nanoClock) throws IOException {
    this.file = new HistoryFileWriter(path);
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
      file.append(op);
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

  /** Writes out everything recorded and closes the file. */
  @Override
  public void close() throws IOException {
    file.close();
  }
}
