package io.faultline.proxy.net;

import io.faultline.proxy.loop.Cancellable;
import io.faultline.proxy.toxic.Chunk;
import io.faultline.proxy.toxic.Direction;
import io.faultline.proxy.toxic.Sink;
import io.faultline.proxy.toxic.Stage;
import io.faultline.proxy.toxic.StageContext;
import io.faultline.proxy.toxic.Stages;
import io.faultline.proxy.toxic.Toxic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One direction of a proxied connection: reads chunks from {@code src}, passes them through the
 * toxic stages of its stream, writes them to {@code dst}. When the input ends the end travels
 * through the stages and the writer then closes {@code dst} completely — there is no half-close,
 * as in the real server.
 *
 * <p>Back-pressure: reading stops while more than {@link #HIGH_WATER} bytes are inside the link
 * (held by toxics or waiting to be written) and resumes below half of it.
 */
final class Link implements StageContext {
  static final int READ_SIZE = 32 * 1024;
  private static final long HIGH_WATER = 1 << 20;

  final Direction direction;
  private final Connection connection;
  private final Endpoint src;
  private final Endpoint dst;
  private final List<Stage> stages = new ArrayList<>();
  private final Writer writer = new Writer();
  private long inFlight;
  private boolean paused;
  private boolean inputEnded;

  Link(Connection connection, Direction direction, Endpoint src, Endpoint dst) {
    this.connection = connection;
    this.direction = direction;
    this.src = src;
    this.dst = dst;
    src.reader = this;
    dst.writer = this;
  }

  void start(List<Toxic> toxics) {
    toxics.forEach(this::addToxic);
    src.wantRead(true);
  }

  private Sink head() {
    return stages.isEmpty() ? writer : stages.get(0);
  }

  /** Reads a few times per readiness event, to cut selector round trips on busy links. */
  void onReadable() {
    for (int i = 0; i < 4 && !inputEnded && !paused && !src.closed(); i++) {
      if (!readOnce()) {
        return;
      }
    }
  }

  /** One read = one chunk, as in the real server. True if the buffer came back full. */
  private boolean readOnce() {
    ByteBuffer buffer = connection.readBuffer();
    buffer.clear();
    int n;
    try {
      n = src.channel.read(buffer);
    } catch (IOException e) {
      n = -1;
    }
    if (n < 0) {
      inputEnded();
      return false;
    }
    if (n == 0) {
      return false;
    }
    buffer.flip();
    inFlight += n;
    if (stages.isEmpty() && writer.idle()) {
      writer.writeThrough(buffer); // no toxics, nothing queued: no copy, no chunk
    } else {
      byte[] data = new byte[n];
      buffer.get(data);
      head().chunk(Chunk.of(data, now()));
    }
    if (inFlight > HIGH_WATER) {
      paused = true;
      src.wantRead(false);
    }
    return n == buffer.capacity();
  }

  void inputEnded() {
    if (inputEnded) {
      return;
    }
    inputEnded = true;
    src.wantRead(false);
    head().end();
  }

  private void released(long bytes) {
    inFlight -= bytes;
    if (paused && inFlight <= HIGH_WATER / 2) {
      paused = false;
      if (!inputEnded && !src.closed()) {
        src.wantRead(true);
      }
    }
  }

  /** Idempotent: a connection set up from a newer toxic snapshot may already have it. */
  void addToxic(Toxic toxic) {
    if (stages.stream().anyMatch(s -> s.toxic().name().equals(toxic.name()))) {
      return;
    }
    Stage stage = Stages.start(this, toxic, writer);
    if (!stages.isEmpty()) {
      stages.get(stages.size() - 1).setNext(stage);
    }
    stages.add(stage);
  }

  void updateToxic(Toxic toxic) {
    for (Stage stage : stages) {
      if (stage.toxic().name().equals(toxic.name())) {
        stage.update(toxic);
      }
    }
  }

  void removeToxic(String name) {
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      if (stage.toxic().name().equals(name)) {
        if (i > 0) {
          stages.get(i - 1).setNext(stage.next());
        }
        stages.remove(i);
        stage.remove();
        return;
      }
    }
  }

  void onWritable() {
    writer.flush();
  }

  // ---- StageContext ----

  @Override
  public long now() {
    return connection.loop().now();
  }

  @Override
  public Cancellable schedule(long delayNanos, Runnable task) {
    return connection.loop().schedule(delayNanos, () -> {
      if (!connection.closed()) {
        task.run();
      }
    });
  }

  @Override
  public RandomGenerator random() {
    return connection.random();
  }

  @Override
  public void discard(Chunk chunk) {
    released(chunk.length());
  }

  /** The end of the pipeline: queues chunks and writes them as fast as {@code dst} takes them. */
  private final class Writer implements Sink {
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private boolean endRequested;

    @Override
    public void chunk(Chunk chunk) {
      if (dst.closed() || endRequested) {
        released(chunk.length());
        return;
      }
      pending.add(ByteBuffer.wrap(chunk.data(), chunk.offset(), chunk.length()));
      if (pending.size() == 1) {
        flush();
      }
    }

    @Override
    public void end() {
      if (!endRequested) {
        endRequested = true;
        if (pending.isEmpty()) {
          connection.closeEndpoint(dst);
        }
      }
    }

    boolean idle() {
      return pending.isEmpty() && !endRequested && !dst.closed();
    }

    /** Writes straight from the loop's read buffer; only what the socket refuses is copied. */
    void writeThrough(ByteBuffer buffer) {
      int before = buffer.remaining();
      try {
        dst.channel.write(buffer);
      } catch (IOException e) {
        released(before);
        failed();
        return;
      }
      released(before - buffer.remaining());
      if (buffer.hasRemaining()) {
        byte[] rest = new byte[buffer.remaining()];
        buffer.get(rest);
        pending.add(ByteBuffer.wrap(rest));
        dst.wantWrite(true);
      }
    }

    void flush() {
      while (!pending.isEmpty()) {
        ByteBuffer buffer = pending.peek();
        int before = buffer.remaining();
        try {
          dst.channel.write(buffer);
        } catch (IOException e) {
          failed();
          return;
        }
        released(before - buffer.remaining());
        if (buffer.hasRemaining()) {
          dst.wantWrite(true);
          return;
        }
        pending.poll();
      }
      dst.wantWrite(false);
      if (endRequested) {
        connection.closeEndpoint(dst);
      }
    }

    private void failed() {
      for (ByteBuffer buffer : pending) {
        released(buffer.remaining());
      }
      pending.clear();
      connection.closeEndpoint(dst);
    }
  }
}
