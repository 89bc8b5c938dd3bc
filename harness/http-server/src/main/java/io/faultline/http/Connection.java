package io.faultline.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * One client connection: reads and parses on the server's loop thread, answers from whichever
 * thread responds. Every method runs under this object's lock, so the loop thread (reading,
 * deadlines, eviction) and a worker (writing a response) never interleave inside one connection.
 *
 * <p>States: READING (a request is being read, or none has begun) → DISPATCHED (a handler has the
 * request) → WRITING (the response is going out) → READING again, or LINGERING (output shut after
 * an error; input drained briefly so the client reads the answer instead of a reset) → CLOSED.
 */
final class Connection {
  private enum State { READING, DISPATCHED, WRITING, LINGERING, CLOSED }

  private enum Deadline { NONE, HEAD, BODY, IDLE, WRITE, LINGER }

  /** Bytes read ahead while a request is being handled before reading pauses. */
  private static final int MAX_PENDING = 64 * 1024;
  /** How long, and how much, a connection is drained after an error before it is closed. */
  private static final long LINGER_NANOS = 2_000_000_000L;
  private static final long LINGER_BYTES = 1 << 20;
  /** A response the client has taken nothing of for this long may be evicted (last of all). */
  private static final long STALLED_WRITE_NANOS = 1_000_000_000L;

  private final NioHttpServer server;
  private final SocketChannel channel;
  private final SelectionKey key;
  private final RequestParser parser;
  private State state = State.READING;
  private boolean served;
  private long since;
  private Deadline deadlineKind = Deadline.NONE;
  private long deadline;
  private ByteBuffer pending;
  private boolean inputClosed;
  private Exchange current;
  private long handlerBytes;
  private ByteBuffer[] out;
  private boolean closeAfterWrite;
  private boolean lingerAfterWrite;
  private long lingered;
  private boolean readsPaused;
  private boolean budgetPaused;
  private int interest;
  private long held;

  Connection(NioHttpServer server, SocketChannel channel, SelectionKey key, long now) {
    this.server = server;
    this.channel = channel;
    this.key = key;
    this.interest = key.interestOps();
    ServerLimits limits = server.limits();
    this.parser = new RequestParser(limits.maxHeadBytes(), limits.maxBodyBytes());
    this.since = now;
    // A new connection's clock starts now: sending nothing at all is as slow as sending slowly.
    setDeadline(Deadline.HEAD, now, limits.headTimeout().toNanos());
  }

  // ---- loop thread ----

  synchronized void onReadable(ByteBuffer scratch) {
    if (state == State.CLOSED) {
      return;
    }
    scratch.clear();
    int n;
    try {
      n = channel.read(scratch);
    } catch (IOException e) {
      close();
      return;
    }
    if (n < 0) {
      onEndOfInput();
      return;
    }
    if (n == 0) {
      return;
    }
    scratch.flip();
    switch (state) {
      case READING -> parse(scratch, server.now());
      case DISPATCHED, WRITING -> {
        pending = append(pending, scratch);
        if (pending.position() > MAX_PENDING) {
          readsPaused = true;
          setInterest(interest & ~SelectionKey.OP_READ);
        }
      }
      case LINGERING -> {
        lingered += n;
        if (lingered > LINGER_BYTES) {
          close();
        }
      }
      default -> { }
    }
    account();
  }

  synchronized void onWritable() {
    if (state == State.WRITING && out != null) {
      flush(server.now());
    }
  }

  /** Acts on an expired deadline; called by the loop's sweep. */
  synchronized void checkDeadline(long now) {
    if (state == State.CLOSED) {
      return;
    }
    if (budgetPaused && server.budgetAllows(held)) {
      budgetPaused = false;
      setInterest(interest | SelectionKey.OP_READ);
    }
    if (deadlineKind == Deadline.NONE || now - deadline < 0) {
      return;
    }
    ServerLimits limits = server.limits();
    switch (deadlineKind) {
      case HEAD -> {
        if (parser.started()) {
          fail(new ClientError(ClientError.Kind.HEAD_TIMEOUT, 408,
              "request head not complete within " + limits.headTimeout().toMillis() + " ms"), now);
        } else {
          close(); // nothing of a request arrived: nothing to answer
        }
      }
      case BODY -> fail(new ClientError(ClientError.Kind.BODY_TIMEOUT, 408,
          "request body not complete within " + limits.bodyTimeout().toMillis() + " ms"), now);
      default -> close(); // idle, unread response, lingering
    }
  }

  /**
   * Eviction order when the server is full: lingering connections first, then connections that
   * never completed a request, then idle keep-alive ones, then ones whose client has not read
   * any of its response for {@link #STALLED_WRITE_NANOS}; -1 = a handler has its request, or its
   * response is moving: never evicted.
   */
  synchronized int evictionRank(long now) {
    return switch (state) {
      case LINGERING -> 0;
      case READING -> served ? 2 : 1;
      case WRITING -> now - since > STALLED_WRITE_NANOS ? 3 : -1;
      default -> -1;
    };
  }

  /**
   * Accept time, when the last response went out, or (while writing) when the client last took
   * some of its response: older goes first within a rank.
   */
  synchronized long since() {
    return since;
  }

  synchronized boolean evict(long now) {
    if (evictionRank(now) < 0) {
      return false;
    }
    close();
    return true;
  }

  // ---- any thread ----

  synchronized void respond(Exchange exchange, Response response) {
    if (state == State.CLOSED || exchange != current) {
      return;
    }
    Request request = exchange.request();
    boolean close = !request.keepAlive() || inputClosed || server.closing();
    out = ResponseEncoder.encode(response, request.method().equals("HEAD"), close);
    closeAfterWrite = close;
    lingerAfterWrite = close && !inputClosed && pending != null && pending.position() > 0;
    current = null;
    state = State.WRITING;
    flush(server.now());
  }

  synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    key.cancel();
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    pending = null;
    out = null;
    current = null;
    server.released(this, held);
    held = 0;
  }

  // ---- internals, under the lock ----

  private void parse(ByteBuffer in, long now) {
    ServerLimits limits = server.limits();
    while (state == State.READING) {
      boolean wasStarted = parser.started();
      RequestParser.Event event = parser.feed(in);
      if (!wasStarted && parser.started() && served) {
        setDeadline(Deadline.HEAD, now, limits.headTimeout().toNanos());
      }
      switch (event) {
        case NEED_MORE -> {
          return;
        }
        case HEAD_DONE -> {
          setDeadline(Deadline.BODY, now, limits.bodyTimeout().toNanos());
          if (parser.expectContinue() && !writeInterim(ResponseEncoder.CONTINUE)) {
            return;
          }
        }
        case REQUEST -> {
          Request request = parser.take();
          if (in.hasRemaining()) {
            pending = append(null, in); // pipelined: parsed once this request is answered
          }
          dispatch(request);
          return;
        }
        case ERROR -> {
          fail(parser.error(), now);
          return;
        }
        default -> throw new IllegalStateException("event " + event);
      }
    }
  }

  private void dispatch(Request request) {
    state = State.DISPATCHED;
    deadlineKind = Deadline.NONE;
    current = new Exchange(this, request);
    handlerBytes = request.body().length;
    server.dispatch(current);
  }

  private void onEndOfInput() {
    inputClosed = true;
    switch (state) {
      case READING -> {
        if (parser.started()) {
          fail(new ClientError(ClientError.Kind.MALFORMED, 400,
              "connection closed before the request " + (parser.inBody() ? "body" : "head") + " was complete"),
              server.now());
        } else {
          close();
        }
      }
      case DISPATCHED, WRITING -> setInterest(interest & ~SelectionKey.OP_READ); // answer, then close
      default -> close();
    }
  }

  private void fail(ClientError error, long now) {
    Optional<Response> page = server.pages().render(error);
    if (page.isEmpty()) {
      close();
      return;
    }
    current = null;
    out = ResponseEncoder.encode(page.get(), false, true);
    closeAfterWrite = true;
    lingerAfterWrite = !inputClosed;
    state = State.WRITING;
    flush(now);
  }

  private boolean writeInterim(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      channel.write(b);
      if (!b.hasRemaining()) {
        return true;
      }
    } catch (IOException e) {
      // the client went away
    }
    close();
    return false;
  }

  private void flush(long now) {
    long written;
    try {
      written = channel.write(out);
    } catch (IOException e) {
      close();
      return;
    }
    if (written > 0 || deadlineKind != Deadline.WRITE) {
      since = now; // the client is taking its response (or it has just begun)
    }
    if (out[out.length - 1].hasRemaining()) {
      if (written > 0 || deadlineKind != Deadline.WRITE) {
        setDeadline(Deadline.WRITE, now, server.limits().writeTimeout().toNanos());
      }
      setInterest(SelectionKey.OP_WRITE | (readsPaused || inputClosed ? 0 : SelectionKey.OP_READ));
      return;
    }
    out = null;
    if (closeAfterWrite) {
      if (lingerAfterWrite) {
        linger(now);
      } else {
        close();
      }
      return;
    }
    state = State.READING;
    served = true;
    since = now;
    handlerBytes = 0;
    parser.reset();
    setDeadline(Deadline.IDLE, now, server.limits().idleTimeout().toNanos());
    readsPaused = false;
    setInterest(SelectionKey.OP_READ);
    if (pending != null) {
      ByteBuffer next = pending.flip();
      pending = null;
      parse(next, now);
    }
    account();
  }

  private void linger(long now) {
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      close();
      return;
    }
    state = State.LINGERING;
    pending = null;
    setDeadline(Deadline.LINGER, now, LINGER_NANOS);
    setInterest(SelectionKey.OP_READ);
    account();
  }

  private void setDeadline(Deadline kind, long now, long afterNanos) {
    deadlineKind = kind;
    deadline = now + afterNanos;
  }

  private void setInterest(int ops) {
    if (ops == interest || state == State.CLOSED) {
      return;
    }
    interest = ops;
    try {
      key.interestOps(ops);
    } catch (java.nio.channels.CancelledKeyException e) {
      return;
    }
    server.interestChanged();
  }

  /** Keeps the server's count of buffered request bytes; pauses reading when over budget. */
  private void account() {
    if (state == State.CLOSED) {
      return;
    }
    long now = parser.heldBytes() + (pending == null ? 0 : pending.capacity()) + handlerBytes;
    server.adjustBuffered(now - held);
    held = now;
    if (state == State.READING && parser.started() && held > ServerLimits.FREE_BYTES_PER_CONNECTION
        && !server.budgetAllows(held)) {
      budgetPaused = true;
      setInterest(interest & ~SelectionKey.OP_READ);
    }
  }

  /** {@code into} (in write mode, may be null) with {@code from}'s remaining bytes appended. */
  private static ByteBuffer append(ByteBuffer into, ByteBuffer from) {
    ByteBuffer target = into;
    if (target == null) {
      target = ByteBuffer.allocate(Math.max(256, from.remaining()));
    } else if (target.remaining() < from.remaining()) {
      ByteBuffer grown = ByteBuffer.allocate(Math.max(target.capacity() * 2, target.position() + from.remaining()));
      target.flip();
      grown.put(target);
      target = grown;
    }
    target.put(from);
    return target;
  }
}
