package io.faultline.http.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many slow HTTP clients at once, watched by one thread: each connects, sends the start of a
 * request (or nothing) and stops, then reads whatever the server sends until the server closes
 * the connection. For tests and the benchmark: open a thousand of these, check that a normal
 * request is still answered, then that the server closed them once its read deadline passed.
 */
public final class SlowClients implements AutoCloseable {
  /** How a slow client stops. */
  public enum Kind {
    /** Connects and sends nothing. */
    SILENT,
    /** Sends part of a request line: {@code GET /path}, no version, no line end. */
    PARTIAL_REQUEST_LINE,
    /** Sends a request line and one header, never the blank line that ends the head. */
    PARTIAL_HEAD,
    /** Sends a whole head declaring a 100-byte body, then 10 bytes of it. */
    SHORT_BODY;

    /** What this kind sends for {@code path} before it stops. */
    public byte[] bytes(String path) {
      String text = switch (this) {
        case SILENT -> "";
        case PARTIAL_REQUEST_LINE -> "GET " + path;
        case PARTIAL_HEAD -> "GET " + path + " HTTP/1.1\r\nHost: slow\r\n";
        case SHORT_BODY -> "PUT " + path + " HTTP/1.1\r\nHost: slow\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100\r\n\r\n{\"value\":1";
      };
      return text.getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /** A connection the server closed: when (after its connect began) and everything it sent first. */
  public record Closed(Kind kind, Duration after, String received) {}

  private static final class Slot {
    final SocketChannel channel;
    final Kind kind;
    final long openedAt;
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    long closedAt = -1;

    Slot(SocketChannel channel, Kind kind, long openedAt) {
      this.channel = channel;
      this.kind = kind;
      this.openedAt = openedAt;
    }
  }

  private final InetSocketAddress server;
  private final String path;
  private final Selector selector;
  private final List<Slot> slots = new ArrayList<>();
  private final ByteBuffer buffer = ByteBuffer.allocate(8_192);

  /** Slow clients of {@code server}; their requests name {@code path}. Add some with {@link #add}. */
  public SlowClients(InetSocketAddress server, String path) throws IOException {
    this.server = server;
    this.path = path;
    this.selector = Selector.open();
  }

  /** Opens {@code count} more connections of {@code kind}; each has sent its bytes on return. */
  public SlowClients add(Kind kind, int count) throws IOException {
    byte[] bytes = kind.bytes(path);
    for (int i = 0; i < count; i++) {
      // Taken before the connect: the server may accept (and start its deadline) before the
      // connect returns here, so only a time taken earlier bounds the server's deadline from below.
      long openedAt = System.nanoTime();
      SocketChannel channel = SocketChannel.open(server);
      ByteBuffer out = ByteBuffer.wrap(bytes);
      while (out.hasRemaining()) {
        channel.write(out);
      }
      channel.configureBlocking(false);
      Slot slot = new Slot(channel, kind, openedAt);
      channel.register(selector, SelectionKey.OP_READ, slot);
      slots.add(slot);
    }
    return this;
  }

  /** Connections opened so far. */
  public int size() {
    return slots.size();
  }

  /** How many the server has not closed yet (reads what has arrived, does not wait). */
  public int stillOpen() throws IOException {
    poll(0);
    return (int) slots.stream().filter(s -> s.closedAt < 0).count();
  }

  /**
   * Waits up to {@code timeout} for the server to close every connection and returns those it
   * closed, in the order opened.
   */
  public List<Closed> awaitClosed(Duration timeout) throws IOException {
    long end = System.nanoTime() + timeout.toNanos();
    while (stillOpen() > 0) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        break;
      }
      poll(Math.max(1, left / 1_000_000));
    }
    List<Closed> closed = new ArrayList<>();
    for (Slot s : slots) {
      if (s.closedAt >= 0) {
        closed.add(new Closed(s.kind, Duration.ofNanos(s.closedAt - s.openedAt),
            s.received.toString(StandardCharsets.ISO_8859_1)));
      }
    }
    return closed;
  }

  private void poll(long waitMillis) throws IOException {
    if (waitMillis == 0) {
      selector.selectNow();
    } else {
      selector.select(waitMillis);
    }
    for (SelectionKey key : selector.selectedKeys()) {
      Slot slot = (Slot) key.attachment();
      int n;
      do {
        buffer.clear();
        try {
          n = slot.channel.read(buffer);
        } catch (IOException e) {
          n = -1; // reset: closed just the same
        }
        if (n > 0) {
          slot.received.write(buffer.array(), 0, n);
        }
      } while (n > 0);
      if (n < 0) {
        slot.closedAt = System.nanoTime();
        key.cancel();
        slot.channel.close();
      }
    }
    selector.selectedKeys().clear();
  }

  @Override
  public void close() throws IOException {
    for (Slot s : slots) {
      s.channel.close();
    }
    selector.close();
  }
}
