package io.faultline.run;

import io.faultline.checker.history.OpType;
import io.faultline.client.Completion;
import io.faultline.client.OpClient;
import io.faultline.generator.Gen;
import io.faultline.generator.Invocation;
import io.faultline.generator.Step;
import io.faultline.generator.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The generator interpreter: {@code concurrency} worker threads, each driving its own cursor of a
 * generator and performing operations through its own client. Worker {@code w} starts as process
 * {@code w}; after an {@code info} completion its process is considered crashed and the worker
 * continues as process {@code p + concurrency} with a fresh client (Jepsen semantics). Process
 * {@code p} talks to node {@code nodes[p % nodes.size()]}. Process ids carry over between phases.
 */
public final class ClientWorkers {

  /** Makes the client of one process for one node. */
  @FunctionalInterface
  public interface ClientFactory {
    OpClient open(int process, String node);
  }

  private final int concurrency;
  private final long seed;
  private final List<String> nodes;
  private final ClientFactory clients;
  private final HistoryRecorder recorder;
  private final int[] processes;
  private volatile boolean aborted;

  public ClientWorkers(int concurrency, long seed, List<String> nodes, ClientFactory clients, HistoryRecorder recorder) {
    this.concurrency = concurrency;
    this.seed = seed;
    this.nodes = List.copyOf(nodes);
    this.clients = clients;
    this.recorder = recorder;
    this.processes = new int[concurrency];
    for (int i = 0; i < concurrency; i++) {
      processes[i] = i;
    }
  }

  /** Runs {@code gen} on every worker until each cursor is exhausted (or {@link #abort()}). */
  public void runPhase(String phase, Gen gen) throws InterruptedException {
    List<Thread> threads = new ArrayList<>(concurrency);
    for (int w = 0; w < concurrency; w++) {
      int index = w;
      Thread t = new Thread(() -> runWorker(index, gen.open(new Worker(index, concurrency, seed))),
          "faultline-" + phase + "-worker-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  /** Makes every worker stop after its current operation. */
  public void abort() {
    aborted = true;
  }

  private void runWorker(int index, Gen.Cursor cursor) {
    int process = processes[index];
    OpClient client = null;
    try {
      while (!aborted) {
        Step step = cursor.next(recorder.now());
        if (step instanceof Step.Exhausted) {
          break;
        }
        if (step instanceof Step.Pending p) {
          long wait = p.untilNanos() - recorder.now();
          if (wait > 0) {
            LockSupport.parkNanos(Math.min(wait, 100_000_000L));
          }
          continue;
        }
        Invocation op = ((Step.Emit) step).invocation();
        String node = nodes.get(process % nodes.size());
        if (client == null) {
          client = clients.open(process, node);
        }
        recorder.record(process, OpType.INVOKE, op.f(), op.key(), op.value(), node, null);
        Completion done = client.invoke(op);
        recorder.record(process, done.type(), op.f(), op.key(), done.value(), node, done.error());
        if (done.type() == OpType.INFO) {
          client.close();
          client = null;
          process += concurrency;
        }
      }
    } finally {
      if (client != null) {
        client.close();
      }
      processes[index] = process;
    }
  }
}
