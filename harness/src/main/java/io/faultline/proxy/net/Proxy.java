package io.faultline.proxy.net;

import io.faultline.proxy.loop.EventLoop;
import io.faultline.proxy.toxic.Direction;
import io.faultline.proxy.toxic.Toxic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One named proxy: its settings, its toxics (per stream, in insertion order), its listener and its
 * live connections. Toxic changes apply to live connections at once, as in the real server.
 * Stopping (disable, delete, re-pointing) closes the listener and every live connection.
 *
 * <p>Loop thread only. The registry in {@code io.faultline.proxy.api} enforces the API rules; this
 * class only does what it is told.
 */
public final class Proxy implements EventLoop.Handler {
  private final DataPlane plane;
  private final String name;
  private String listen;
  private String upstream;
  private boolean enabled;
  private final List<Toxic> upstreamToxics = new ArrayList<>();
  private final List<Toxic> downstreamToxics = new ArrayList<>();
  private final Set<Connection> connections = new LinkedHashSet<>();
  private ServerSocketChannel listener;

  public Proxy(DataPlane plane, String name, String listen, String upstream) {
    this.plane = plane;
    this.name = name;
    this.listen = listen;
    this.upstream = upstream;
  }

  public String name() {
    return name;
  }

  public String listen() {
    return listen;
  }

  public String upstream() {
    return upstream;
  }

  public boolean enabled() {
    return enabled;
  }

  /** Upstream toxics then downstream ones, each in insertion order (the real listing order). */
  public List<Toxic> toxics() {
    List<Toxic> all = new ArrayList<>(upstreamToxics);
    all.addAll(downstreamToxics);
    return all;
  }

  public Optional<Toxic> toxic(String toxicName) {
    return toxics().stream().filter(t -> t.name().equals(toxicName)).findFirst();
  }

  /** Binds the stored listen address and accepts; the bound address replaces {@code listen}. */
  public void start() throws Addresses.ListenException {
    if (enabled) {
      return;
    }
    ServerSocketChannel channel = Addresses.bind(listen);
    try {
      listen = Addresses.format((InetSocketAddress) channel.getLocalAddress());
      plane.loop().register(channel, SelectionKey.OP_ACCEPT, this);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new Addresses.ListenException("listen tcp " + listen + ": " + e.getMessage());
    }
    listener = channel;
    enabled = true;
  }

  /** Closes the listener and every live connection (peers see a plain close). */
  public void stop() {
    if (listener != null) {
      closeQuietly(listener);
      listener = null;
      plane.loop().flushClosedChannels();
    }
    enabled = false;
    for (Connection connection : new ArrayList<>(connections)) {
      connection.close();
    }
  }

  public void setListen(String listen) {
    this.listen = listen;
  }

  public void setUpstream(String upstream) {
    this.upstream = upstream;
  }

  public int connectionCount() {
    return connections.size();
  }

  @Override
  public void ready(SelectionKey key) {
    ServerSocketChannel channel = listener;
    if (channel == null || !key.isValid() || !key.isAcceptable()) {
      return;
    }
    // Accept a bounded batch per turn so a connection storm cannot starve established links.
    for (int i = 0; i < 64; i++) {
      SocketChannel client;
      try {
        client = channel.accept();
      } catch (IOException e) {
        return;
      }
      if (client == null) {
        return;
      }
      Connection.accept(this, client, upstream);
    }
  }

  public void addToxic(Toxic toxic) {
    listFor(toxic.direction()).add(toxic);
    for (Connection c : liveConnections()) {
      c.link(toxic.direction()).addToxic(toxic);
    }
  }

  public void updateToxic(Toxic toxic) {
    List<Toxic> list = listFor(toxic.direction());
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).name().equals(toxic.name())) {
        list.set(i, toxic);
      }
    }
    for (Connection c : liveConnections()) {
      c.link(toxic.direction()).updateToxic(toxic);
    }
  }

  public void removeToxic(Toxic toxic) {
    listFor(toxic.direction()).removeIf(t -> t.name().equals(toxic.name()));
    for (Connection c : liveConnections()) {
      c.link(toxic.direction()).removeToxic(toxic.name());
    }
  }

  private List<Connection> liveConnections() {
    return connections.stream().filter(c -> c.established() && !c.closed()).toList();
  }

  private List<Toxic> listFor(Direction direction) {
    return direction == Direction.UPSTREAM ? upstreamToxics : downstreamToxics;
  }

  Set<Connection> connections() {
    return connections;
  }

  EventLoop loop() {
    return plane.loop();
  }

  RandomGenerator random() {
    return plane.random();
  }

  ByteBuffer readBuffer() {
    return plane.readBuffer();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
