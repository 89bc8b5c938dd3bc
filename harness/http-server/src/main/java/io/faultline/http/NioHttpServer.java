package io.faultline.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP/1.1 server (keep-alive, Content-Length and chunked request bodies, pipelining)
 * built so that slow or abandoned clients cannot stop it.
 *
 * <p>Threads: one loop thread accepts, reads and parses every connection without blocking; only
 * a <em>whole</em> request goes to a worker, so a client that sends half a head, or a body shorter
 * than its Content-Length, holds a few bytes of buffer and never a thread. Workers answer through
 * {@link Exchange#respond}, which writes what the socket takes at once and leaves the rest to the
 * loop, so a client that does not read its response holds no thread either.
 *
 * <p>Deadlines ({@link ServerLimits}): a head must arrive within {@code headTimeout} (from accept,
 * or from its first byte on a kept-alive connection), a body within {@code bodyTimeout} of its
 * head; both answer 408 and close. Idle keep-alive connections close after {@code idleTimeout},
 * responses not read for {@code writeTimeout} are dropped. Checked every tick (a quarter of the
 * shortest timeout, 10–250 ms).
 *
 * <p>Connection cap: at {@code maxConnections} a new connection evicts one that has no request in
 * progress at a handler — first ones lingering after an error, then ones that never completed a
 * request (oldest first: a slowloris flood evicts itself), then idle keep-alive ones (least
 * recently served first), then ones whose client has read nothing of its response for a second. A client that completes requests is therefore never turned away by
 * clients that do not: that is how a harness polling a node, or healing partitions through the
 * Toxiproxy API, keeps its access while a thousand slow sockets are open. Only when every
 * connection has a request at a handler is a new one refused (accepted and closed). Running out
 * of file descriptors ({@code accept} failing) evicts the same way.
 */
public final class NioHttpServer implements AutoCloseable {
  private static final int ACCEPTS_PER_ROUND = 64;
  private static final long ACCEPT_PAUSE_NANOS = 100_000_000L;

  private final ServerLimits limits;
  private final Handler handler;
  private final ErrorPages pages;
  private final ServerSocketChannel listener;
  private final Selector selector;
  private final SelectionKey listenerKey;
  private final ThreadPoolExecutor workers;
  private final Thread loop;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong buffered = new AtomicLong();
  private final AtomicLong evictions = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final long tickNanos;
  private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
  private volatile boolean closing;
  private long acceptResumesAt;

  private NioHttpServer(InetSocketAddress address, ServerLimits limits, Handler handler, ErrorPages pages, String name)
      throws IOException {
    this.limits = limits;
    this.handler = handler;
    this.pages = pages;
    this.selector = Selector.open();
    this.listener = ServerSocketChannel.open();
    try {
      listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      listener.bind(address, 1_024);
      listener.configureBlocking(false);
      this.listenerKey = listener.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException | RuntimeException e) {
      listener.close();
      selector.close();
      throw e;
    }
    long shortest = Math.min(Math.min(limits.headTimeout().toNanos(), limits.bodyTimeout().toNanos()),
        Math.min(limits.idleTimeout().toNanos(), limits.writeTimeout().toNanos()));
    this.tickNanos = Math.max(10_000_000L, Math.min(250_000_000L, shortest / 4));
    AtomicInteger ids = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, name + "-worker-" + ids.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.loop = new Thread(this::run, name + "-http-loop");
    loop.setDaemon(true);
    loop.start();
  }

  /**
   * Listens on {@code address} (port 0: any free port) and serves until {@link #close()}.
   *
   * @param name prefix of the server's thread names
   */
  public static NioHttpServer start(
      InetSocketAddress address, ServerLimits limits, Handler handler, ErrorPages pages, String name)
      throws IOException {
    return new NioHttpServer(address, limits, handler, pages, name);
  }

  public InetSocketAddress address() {
    try {
      return (InetSocketAddress) listener.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return address().getPort();
  }

  /** The threads handlers run on, for work a handler continues later (e.g. on completion). */
  public Executor workers() {
    return workers;
  }

  /** Connections open now. */
  public int openConnections() {
    return connections.size();
  }

  /** Bytes of requests held now: partial ones being read, and bodies at handlers. */
  public long bufferedBytes() {
    return buffered.get();
  }

  /** Connections closed so far to make room for a new one. */
  public long evictions() {
    return evictions.get();
  }

  /** Connections turned away because every open one had a request at a handler. */
  public long refused() {
    return refused.get();
  }

  public ServerLimits limits() {
    return limits;
  }

  /** Stops accepting, closes every connection (answered or not) and stops the threads. */
  @Override
  public void close() {
    closing = true;
    selector.wakeup();
    if (Thread.currentThread() != loop) {
      try {
        loop.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.shutdownNow();
  }

  // ---- for Connection ----

  ErrorPages pages() {
    return pages;
  }

  boolean closing() {
    return closing;
  }

  long now() {
    return System.nanoTime();
  }

  void dispatch(Exchange exchange) {
    try {
      workers.execute(() -> invoke(exchange));
    } catch (RejectedExecutionException e) {
      // stopping: the connection is closed with the rest
    }
  }

  /** Interest ops set from a worker take effect at the loop's next select: wake it. */
  void interestChanged() {
    if (Thread.currentThread() != loop) {
      selector.wakeup();
    }
  }

  void released(Connection connection, long heldBytes) {
    connections.remove(connection);
    buffered.addAndGet(-heldBytes);
    if (Thread.currentThread() != loop) {
      selector.wakeup(); // lets the loop deregister the channel, which frees its descriptor
    }
  }

  void adjustBuffered(long delta) {
    if (delta != 0) {
      buffered.addAndGet(delta);
    }
  }

  /**
   * Whether a connection holding {@code ownBytes} may read on: yes unless the others together
   * already hold more than the budget. One big request can thus always finish, and all of them
   * together hold at most about the budget plus one body.
   */
  boolean budgetAllows(long ownBytes) {
    return buffered.get() - ownBytes <= limits.bufferBudgetBytes();
  }

  // ---- loop thread ----

  private void invoke(Exchange exchange) {
    try {
      handler.handle(exchange.request(), exchange);
    } catch (RuntimeException e) {
      if (!exchange.answered()) {
        Optional<Response> page = pages.render(
            new ClientError(ClientError.Kind.HANDLER_FAILED, 500, "internal error"));
        exchange.respond(page.orElse(Response.empty(500)));
      }
    }
  }

  private void run() {
    long nextSweep = now() + tickNanos;
    try {
      while (!closing) {
        long wait = Math.max(1, (nextSweep - now()) / 1_000_000);
        selector.select(this::onKey, wait);
        long now = now();
        if (now - nextSweep >= 0) {
          sweep(now);
          nextSweep = now + tickNanos;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The selector itself failed: nothing can be served any more; close everything below.
    } finally {
      shutdown();
    }
  }

  private void onKey(SelectionKey key) {
    try {
      if (key == listenerKey) {
        accept();
        return;
      }
      Connection c = (Connection) key.attachment();
      if (key.isReadable()) {
        c.onReadable(scratch);
      }
      if (key.isValid() && key.isWritable()) {
        c.onWritable();
      }
    } catch (CancelledKeyException e) {
      // closed by another thread in the meantime
    }
  }

  private void accept() {
    for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
      SocketChannel socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        // Typically out of file descriptors: make room, or stop accepting for a moment rather
        // than spin on a listener that stays ready.
        if (!evictOne()) {
          listenerKey.interestOps(0);
          acceptResumesAt = now() + ACCEPT_PAUSE_NANOS;
        }
        return;
      }
      if (socket == null) {
        return;
      }
      if (connections.size() >= limits.maxConnections() && !evictOne()) {
        refused.incrementAndGet();
        closeQuietly(socket);
        continue;
      }
      register(socket);
    }
  }

  private void register(SocketChannel socket) {
    try {
      socket.configureBlocking(false);
      socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
      SelectionKey key = socket.register(selector, SelectionKey.OP_READ);
      Connection c = new Connection(this, socket, key, now());
      key.attach(c);
      connections.add(c);
    } catch (IOException e) {
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(SocketChannel socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // gone already
    }
  }

  /** Closes the most expendable connection (see the class comment); false if all are busy. */
  private boolean evictOne() {
    while (true) {
      Connection best = null;
      int bestRank = Integer.MAX_VALUE;
      long bestSince = 0;
      long now = now();
      for (Connection c : connections) {
        int rank = c.evictionRank(now);
        if (rank < 0) {
          continue;
        }
        long since = c.since();
        if (rank < bestRank || (rank == bestRank && since - bestSince < 0)) {
          best = c;
          bestRank = rank;
          bestSince = since;
        }
      }
      if (best == null) {
        return false;
      }
      if (best.evict(now)) {
        evictions.incrementAndGet();
        return true;
      }
    }
  }

  private void sweep(long now) {
    for (Connection c : connections) {
      c.checkDeadline(now);
    }
    if (listenerKey.interestOps() == 0 && now - acceptResumesAt >= 0) {
      listenerKey.interestOps(SelectionKey.OP_ACCEPT);
    }
  }

  private void shutdown() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Connection c : connections) {
      c.close();
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
