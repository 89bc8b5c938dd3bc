package io.faultline.node.transport;

import io.faultline.node.HostPort;
import io.faultline.node.NodeLog;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PeerTransport} over TCP with length-prefixed frames.
 *
 * <p>Direction matters: a node SENDS only on connections it opened to the {@code --peers}
 * addresses (one {@link OutboundLink} per peer) and RECEIVES only on connections accepted on
 * {@code --peer-listen}; it never writes to an accepted socket. So cutting the harness's proxy for
 * link {@code ni->nj} cuts exactly that direction.
 *
 * <p>Wire format: a {@link Handshake} naming sender and receiver, then frames of
 * {@code int length, payload}. A frame longer than {@code maxFrameBytes} is refused by
 * {@link #send} and, if received, closes the connection. Receiver callbacks run on the
 * connection's reader thread; an exception thrown by the receiver is logged and the connection
 * kept.
 */
public final class TcpPeerTransport implements PeerTransport {
  private final String selfId;
  private final HostPort listen;
  private final int maxFrameBytes;
  private final NodeLog log;
  private final Map<String, OutboundLink> links = new LinkedHashMap<>();
  private final Set<Socket> accepted = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  private volatile Thread acceptor;
  private volatile boolean closed;

  /**
   * @param peers where this node reaches each other node (self entries are ignored)
   * @param queueCapacity frames queued per peer before {@link #send} drops
   */
  public TcpPeerTransport(
      String selfId,
      HostPort listen,
      Map<String, HostPort> peers,
      int maxFrameBytes,
      int queueCapacity,
      NodeLog log) {
    this.selfId = selfId;
    this.listen = listen;
    this.maxFrameBytes = maxFrameBytes;
    this.log = log;
    peers.forEach(
        (id, address) -> {
          if (!id.equals(selfId)) {
            links.put(id, new OutboundLink(selfId, id, address, queueCapacity, log));
          }
        });
  }

  @Override
  public void start(Receiver receiver) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(listen.host(), listen.port()), 64);
    server = s;
    acceptor = daemon("peer-accept-" + selfId, () -> acceptLoop(s, receiver));
    acceptor.start();
    links.forEach((id, link) -> daemon("peer-out-" + selfId + "->" + id, link).start());
  }

  /** The port actually bound (useful when listening on port 0). */
  public int boundPort() {
    return server.getLocalPort();
  }

  @Override
  public boolean send(String peerId, byte[] payload) {
    OutboundLink link = links.get(peerId);
    if (link == null || payload.length > maxFrameBytes) {
      return false;
    }
    return link.offer(payload);
  }

  /** Whether the outbound connection to {@code peerId} is currently established. */
  public boolean isConnected(String peerId) {
    OutboundLink link = links.get(peerId);
    return link != null && link.isConnected();
  }

  private void acceptLoop(ServerSocket s, Receiver receiver) {
    while (!closed) {
      try {
        Socket socket = s.accept();
        socket.setTcpNoDelay(true);
        accepted.add(socket);
        daemon("peer-in-" + selfId, () -> readLoop(socket, receiver)).start();
      } catch (IOException e) {
        if (!closed) {
          log.error("peer listener on " + listen + " failed: " + e.getMessage());
        }
        return;
      }
    }
  }

  private void readLoop(Socket socket, Receiver receiver) {
    String from = "?";
    try (socket) {
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
      Handshake hello = Handshake.readFrom(in);
      if (!hello.to().equals(selfId)) {
        log.warn("peer connection from " + hello.from() + " meant for " + hello.to() + ", not " + selfId + "; closing");
        return;
      }
      from = hello.from();
      while (!closed) {
        int length = in.readInt();
        if (length < 0 || length > maxFrameBytes) {
          log.error("peer " + from + " sent a frame of " + length + " bytes (limit " + maxFrameBytes + "); closing");
          return;
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        try {
          receiver.receive(from, payload);
        } catch (RuntimeException e) {
          log.error("handling a frame from " + from + " failed: " + e);
        }
      }
    } catch (EOFException e) {
      // the peer closed its sending side: normal on restart or partition
    } catch (IOException e) {
      if (!closed) {
        log.warn("peer connection from " + from + " closed: " + e.getMessage());
      }
    } finally {
      accepted.remove(socket);
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    closed = true;
    links.values().forEach(OutboundLink::close);
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
    // A socket closed while another thread blocks in accept() is only released when that
    // thread leaves accept(); wait for it so the port is free when close() returns.
    Thread t = acceptor;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Socket s : accepted) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
