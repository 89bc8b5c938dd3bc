package io.faultline.proxy.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One thread that owns a {@link Selector}, a timer queue and a task queue. Whatever is registered
 * with a loop (a listener, a connection and its toxic stages, the registry on the control loop)
 * is touched only by its thread, so none of it needs locks: other threads hand work over with
 * {@link #execute} or {@link #call}.
 *
 * <p>Timers are fired with sub-millisecond precision: when the next deadline is less than a
 * millisecond away the loop polls the selector and parks for the remainder instead of blocking in
 * {@code select} (whose timeout has millisecond granularity). It never spins.
 */
public final class EventLoop implements Scheduler, AutoCloseable {
  /** Handles readiness of a channel registered with {@link #register}. Runs on the loop thread. */
  public interface Handler {
    void ready(SelectionKey key);
  }

  private static final long MILLI = 1_000_000L;

  private final Selector selector;
  private final LongSupplier clock;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private long timerSequence;
  private volatile boolean running = true;

  public EventLoop(String name, LongSupplier clock) {
    this.clock = clock;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector: " + e.getMessage(), e);
    }
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public long now() {
    return clock.getAsLong();
  }

  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  @Override
  public Cancellable schedule(long delayNanos, Runnable task) {
    assert inLoop();
    Timer timer = new Timer(now() + Math.max(0, delayNanos), timerSequence++, task);
    timers.add(timer);
    return timer;
  }

  /** Queues a task for the loop thread; safe from any thread. */
  public void execute(Runnable task) {
    tasks.add(task);
    if (!inLoop()) {
      selector.wakeup();
    }
  }

  /**
   * Runs {@code work} on the loop thread and waits for its result; runtime exceptions thrown there
   * are rethrown here. Called on the loop thread itself it just runs the work.
   */
  public <T> T call(Callable<T> work) {
    if (inLoop()) {
      return callHere(work);
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    execute(
        () -> {
          try {
            result.complete(work.call());
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
    try {
      // Wait in slices so that a loop that has stopped cannot leave the caller hanging.
      while (true) {
        try {
          return result.get(1, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          if (!thread.isAlive() && !result.isDone()) {
            throw new IllegalStateException("the proxy event loop has stopped");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the proxy event loop", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static <T> T callHere(Callable<T> work) {
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Registers a channel (loop thread only). The handler is the key's attachment. */
  public SelectionKey register(SelectableChannel channel, int ops, Handler handler)
      throws IOException {
    assert inLoop();
    channel.configureBlocking(false);
    return channel.register(selector, ops, handler);
  }

  /**
   * Completes the close of channels closed on this turn. NIO keeps a registered channel's socket
   * open until its key is deregistered by the next select, so without this a closed listener's
   * port could not be bound again straight away (disable then enable, or re-pointing a proxy).
   */
  public void flushClosedChannels() {
    assert inLoop();
    try {
      selector.selectNow();
    } catch (IOException ignored) {
      // the next select will deregister them anyway
    }
  }

  private void run() {
    while (running) {
      try {
        turn();
      } catch (Throwable t) {
        // One broken connection must not take the whole proxy down.
        System.err.println("faultline proxy: event loop error: " + t);
      }
    }
    runTasks(); // complete any call() queued behind the stop
    try {
      selector.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private void turn() throws IOException {
    long wait = nanosUntilNextTimer();
    int ready;
    if (!tasks.isEmpty() || wait == 0) {
      ready = selector.selectNow();
    } else if (wait < 0) {
      ready = selector.select();
    } else if (wait < MILLI) {
      ready = selector.selectNow();
      if (ready == 0 && tasks.isEmpty()) {
        LockSupport.parkNanos(wait);
      }
    } else {
      ready = selector.select(TimeUnit.NANOSECONDS.toMillis(wait));
    }
    if (ready > 0) {
      for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
        SelectionKey key = it.next();
        it.remove();
        if (key.isValid()) {
          dispatch(key);
        }
      }
    }
    runTasks();
    runDueTimers();
  }

  /** A handler that throws loses its channel, not the loop: a bug stays one broken connection. */
  private static void dispatch(SelectionKey key) {
    try {
      ((Handler) key.attachment()).ready(key);
    } catch (RuntimeException e) {
      System.err.println("faultline proxy: closing a channel after an internal error: " + e);
      key.cancel();
      try {
        key.channel().close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }

  /** -1 when there is no timer, 0 when one is due. */
  private long nanosUntilNextTimer() {
    while (!timers.isEmpty() && timers.peek().cancelled) {
      timers.poll();
    }
    if (timers.isEmpty()) {
      return -1;
    }
    return Math.max(0, timers.peek().deadline - now());
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        System.err.println("faultline proxy: internal error in a loop task: " + e);
      }
    }
  }

  private void runDueTimers() {
    long now = now();
    while (!timers.isEmpty() && timers.peek().deadline <= now) {
      Timer timer = timers.poll();
      if (!timer.cancelled) {
        timer.cancelled = true;
        try {
          timer.task.run();
        } catch (RuntimeException e) {
          System.err.println("faultline proxy: internal error in a timer: " + e);
        }
      }
    }
  }

  /** Stops the loop thread after the tasks already queued; channels are the owners' business. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    execute(() -> running = false);
    if (!inLoop()) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static final class Timer implements Cancellable, Comparable<Timer> {
    final long deadline;
    final long sequence;
    final Runnable task;
    boolean cancelled;

    Timer(long deadline, long sequence, Runnable task) {
      this.deadline = deadline;
      this.sequence = sequence;
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(deadline, o.deadline);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }
}
