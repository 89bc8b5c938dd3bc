package io.faultline.proxy.net;

import io.faultline.proxy.loop.EventLoop;
import io.faultline.proxy.toxic.Direction;
import io.faultline.proxy.toxic.Toxic;
import io.faultline.proxy.toxic.ToxicType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One accepted client and its upstream socket, joined by two {@link Link}s. Lifecycle: the client is
 * accepted, the upstream is dialed (if that fails the client is closed at once: it sees EOF, not a
 * refusal, as with the real server), then both links run until both sockets are closed.
 *
 * <p>If a reset_peer toxic is present in either stream when the connection is set up, both sockets
 * get SO_LINGER=0 so that every close sends RST; added later, reset_peer only produces a FIN —
 * exactly the real server's behaviour.
 */
final class Connection {
  private final Proxy proxy;
  private final Worker worker;
  private final Endpoint client;
  private final Endpoint server;
  private Link upstream;
  private Link downstream;
  private boolean closed;

  private Connection(Proxy proxy, Worker worker, SocketChannel clientChannel, SocketChannel serverChannel) {
    this.proxy = proxy;
    this.worker = worker;
    this.client = new Endpoint(this, clientChannel);
    this.server = new Endpoint(this, serverChannel);
  }

  /**
   * Takes over an accepted client socket and starts dialing {@code upstream}. Runs on the worker's
   * loop. {@code generation} is the proxy's generation when the client was accepted: if the proxy
   * has been stopped since, the client is closed instead (checked after joining the proxy's
   * connection set, so a concurrent stop either sees this connection or this check sees the stop).
   */
  static void accept(Proxy proxy, Worker worker, SocketChannel clientChannel, String upstream, long generation) {
    SocketChannel serverChannel = null;
    Connection connection = null;
    try {
      clientChannel.configureBlocking(false);
      clientChannel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      InetSocketAddress target = Addresses.resolveUpstream(upstream);
      serverChannel = SocketChannel.open();
      serverChannel.configureBlocking(false);
      serverChannel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      connection = new Connection(proxy, worker, clientChannel, serverChannel);
      proxy.connections().add(connection);
      if (proxy.generation() != generation) {
        connection.close();
        return;
      }
      connection.client.register(worker.loop(), 0);
      if (serverChannel.connect(target)) {
        connection.server.register(worker.loop(), 0);
        connection.startLinks();
      } else {
        connection.server.register(worker.loop(), SelectionKey.OP_CONNECT);
      }
    } catch (IOException | RuntimeException e) {
      if (connection != null) {
        proxy.connections().remove(connection);
      }
      closeQuietly(clientChannel);
      closeQuietly(serverChannel);
    }
  }

  void onConnectable() {
    if (upstream != null || closed) {
      return; // stale readiness after the connection was set up or closed
    }
    try {
      server.channel.finishConnect();
    } catch (IOException e) {
      close();
      return;
    }
    server.wantRead(false);
    startLinks();
  }

  private void startLinks() {
    List<Toxic> toxics = proxy.toxicsSnapshot();
    if (toxics.stream().anyMatch(t -> t.type() == ToxicType.RESET_PEER)) {
      client.resetOnClose();
      server.resetOnClose();
    }
    upstream = new Link(this, Direction.UPSTREAM, client, server);
    downstream = new Link(this, Direction.DOWNSTREAM, server, client);
    upstream.start(toxics.stream().filter(t -> t.direction() == Direction.UPSTREAM).toList());
    downstream.start(toxics.stream().filter(t -> t.direction() == Direction.DOWNSTREAM).toList());
  }

  Link link(Direction direction) {
    return direction == Direction.UPSTREAM ? upstream : downstream;
  }

  /** Still dialing: toxic changes have nothing to act on yet and are picked up at setup. */
  boolean established() {
    return upstream != null;
  }

  /**
   * One link finished with its destination: close it, and tell the other link (which reads from
   * that socket) that its input has ended — on the next turn, so that links never re-enter each
   * other.
   */
  void closeEndpoint(Endpoint endpoint) {
    if (endpoint.closed()) {
      return;
    }
    endpoint.close();
    Link readingFromIt = endpoint.reader;
    if (readingFromIt != null) {
      worker.loop().execute(readingFromIt::inputEnded);
    }
    if (client.closed() && server.closed()) {
      closed = true;
      proxy.connections().remove(this);
    }
  }

  /** Closes both sockets now (proxy disabled, deleted or re-pointed). Worker loop only. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    client.close();
    server.close();
    proxy.connections().remove(this);
  }

  boolean closed() {
    return closed;
  }

  EventLoop loop() {
    return worker.loop();
  }

  RandomGenerator random() {
    return worker.random();
  }

  ByteBuffer readBuffer() {
    return worker.readBuffer();
  }

  private static void closeQuietly(SocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to do
      }
    }
  }
}
