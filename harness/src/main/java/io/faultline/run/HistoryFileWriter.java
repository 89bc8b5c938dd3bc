package io.faultline.run;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.JsonlHistoryWriter;
import io.faultline.checker.history.Op;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Streams history events to a JSONL file with group commit: callers enqueue (cheap, never blocks
 * on I/O), one writer thread drains whatever has accumulated, writes it in the
 * {@link JsonlHistoryWriter} line format and hands it to the operating system before taking the
 * next batch. At 20,000 ops/s a flush per event costs more than the client work itself; this way
 * a batch is at most the events of the previous write's duration (typically well under a
 * millisecond), which is what a crash of the harness can lose. {@link #close()} writes everything.
 */
final class HistoryFileWriter implements AutoCloseable {
  private static final Op END = new Op(-1, 0, 0, io.faultline.checker.history.OpType.INFO, "end", null, null, null, null);

  private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final OutputStream out;
  private final JsonGenerator json;
  private final Thread thread;
  private final Thread hook;
  private volatile IOException failure;

  HistoryFileWriter(Path path) throws IOException {
    this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
    this.json = JsonValues.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
    json.setRootValueSeparator(null);
    this.thread = new Thread(this::drain, "faultline-history-writer");
    thread.setDaemon(true);
    thread.start();
    // On Ctrl-C the runner never reaches close(): write out what was observed before the JVM exits.
    this.hook = new Thread(this::flushOnExit, "faultline-history-flush");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private void flushOnExit() {
    queue.add(END);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Enqueues one event; the caller's order is the file's order. */
  void append(Op op) {
    queue.add(op);
  }

  private void drain() {
    List<Op> batch = new ArrayList<>(1024);
    try {
      while (true) {
        batch.add(queue.take());
        queue.drainTo(batch);
        boolean end = false;
        for (Op op : batch) {
          if (op == END) {
            end = true;
            break;
          }
          JsonlHistoryWriter.writeOp(json, op);
          json.writeRaw('\n');
        }
        json.flush(); // one write to the operating system per batch
        batch.clear();
        if (end) {
          return;
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is doing the same.
    }
    queue.add(END);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    json.close();
    out.close();
    if (failure != null) {
      throw new IOException("cannot write the history file", failure);
    }
  }
}
