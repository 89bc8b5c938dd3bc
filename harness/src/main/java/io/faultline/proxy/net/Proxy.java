package io.faultline.proxy.net;

import io.faultline.proxy.loop.EventLoop;
import io.faultline.proxy.toxic.Direction;
import io.faultline.proxy.toxic.Toxic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One named proxy: its settings, its toxics (per stream, in insertion order), its listener and its
 * live connections. Toxic changes apply to live connections at once, as in the real server.
 * Stopping (disable, delete, re-pointing) closes the listener and every live connection.
 *
 * <p>Threads: this object lives on the control loop. Each connection lives on one worker loop;
 * changes are sent to the loops that own live connections and waited for, so when a method returns
 * every live connection has the change. A connection being set up reads {@link #toxicsSnapshot()}.
 */
public final class Proxy implements EventLoop.Handler {
  private static final long WAIT_SECONDS = 10;

  private final DataPlane plane;
  private final String name;
  private String listen;
  private String upstream;
  private boolean enabled;
  private final List<Toxic> upstreamToxics = new ArrayList<>();
  private final List<Toxic> downstreamToxics = new ArrayList<>();
  private volatile List<Toxic> snapshot = List.of();
  private volatile long generation;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
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
    return snapshot;
  }

  /** The toxics as an immutable list; safe to read from any loop. */
  List<Toxic> toxicsSnapshot() {
    return snapshot;
  }

  public Optional<Toxic> toxic(String toxicName) {
    return snapshot.stream().filter(t -> t.name().equals(toxicName)).findFirst();
  }

  /** Binds the stored listen address and accepts; the bound address replaces {@code listen}. */
  public void start() throws Addresses.ListenException {
    if (enabled) {
      return;
    }
    ServerSocketChannel channel = Addresses.bind(listen);
    try {
      listen = Addresses.format((InetSocketAddress) channel.getLocalAddress());
      plane.control().register(channel, SelectionKey.OP_ACCEPT, this);
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
      plane.control().flushClosedChannels();
    }
    enabled = false;
    generation++;
    onEveryConnection(Connection::close, true);
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
      Worker worker = plane.nextWorker();
      String target = upstream;
      long acceptedIn = generation;
      worker.loop().execute(() -> Connection.accept(this, worker, client, target, acceptedIn));
    }
  }

  public void addToxic(Toxic toxic) {
    listFor(toxic.direction()).add(toxic);
    publish();
    onEveryConnection(c -> c.link(toxic.direction()).addToxic(toxic), false);
  }

  public void updateToxic(Toxic toxic) {
    List<Toxic> list = listFor(toxic.direction());
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).name().equals(toxic.name())) {
        list.set(i, toxic);
      }
    }
    publish();
    onEveryConnection(c -> c.link(toxic.direction()).updateToxic(toxic), false);
  }

  public void removeToxic(Toxic toxic) {
    listFor(toxic.direction()).removeIf(t -> t.name().equals(toxic.name()));
    publish();
    onEveryConnection(c -> c.link(toxic.direction()).removeToxic(toxic.name()), false);
  }

  private void publish() {
    List<Toxic> all = new ArrayList<>(upstreamToxics);
    all.addAll(downstreamToxics);
    snapshot = List.copyOf(all);
  }

  /**
   * Runs {@code action} for every live connection on the loop that owns it, and waits. Connections
   * still dialing are skipped unless {@code evenIfDialing}: they read the snapshot when set up.
   */
  private void onEveryConnection(Consumer<Connection> action, boolean evenIfDialing) {
    Map<EventLoop, List<Connection>> byLoop = new HashMap<>();
    for (Connection c : connections) {
      byLoop.computeIfAbsent(c.loop(), l -> new ArrayList<>()).add(c);
    }
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (Map.Entry<EventLoop, List<Connection>> e : byLoop.entrySet()) {
      Runnable task = () -> {
        for (Connection c : e.getValue()) {
          if (!c.closed() && (evenIfDialing || c.established())) {
            action.accept(c);
          }
        }
      };
      if (e.getKey().inLoop()) {
        task.run();
      } else {
        CompletableFuture<Void> done = new CompletableFuture<>();
        e.getKey().execute(() -> {
          try {
            task.run();
          } finally {
            done.complete(null);
          }
        });
        pending.add(done);
      }
    }
    for (CompletableFuture<Void> done : pending) {
      try {
        done.get(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        // A stuck worker must not wedge the API; the change still reaches it when it runs.
        System.err.println("faultline proxy: a worker loop did not answer in time: " + e);
      }
    }
  }

  private List<Toxic> listFor(Direction direction) {
    return direction == Direction.UPSTREAM ? upstreamToxics : downstreamToxics;
  }

  Set<Connection> connections() {
    return connections;
  }

  long generation() {
    return generation;
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
