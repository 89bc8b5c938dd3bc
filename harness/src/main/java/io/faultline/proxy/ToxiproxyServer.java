package io.faultline.proxy;

import io.faultline.http.ServerLimits;
import io.faultline.proxy.api.ApiServer;
import io.faultline.proxy.api.ProxyRegistry;
import io.faultline.proxy.loop.EventLoop;
import io.faultline.proxy.net.DataPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * An embedded server compatible with Shopify Toxiproxy 2.12 (HTTP API, JSON shapes, toxics and
 * their timing), so the local runtime needs nothing but a JVM. Drive it with the official
 * {@code toxiproxy-java} client at {@link #host()}:{@link #port()}.
 *
 * <p>Threads: one event loop per core. The first owns the registry, every proxy and listener;
 * connections are spread over all of them. API threads answer HTTP and hand each operation to the
 * first loop, which waits until every live connection has applied it. {@link #close()} stops the API, closes every
 * proxy and its connections, and stops the loop. Start failures (e.g. the API port in use) are
 * thrown as {@link UncheckedIOException} with a one-line message.
 */
public final class ToxiproxyServer implements AutoCloseable {
  private final DataPlane plane;
  private final EventLoop loop;
  private final ProxyRegistry registry;
  private final ApiServer api;
  private final String host;
  private boolean closed;

  private ToxiproxyServer(DataPlane plane, ProxyRegistry registry, ApiServer api, String host) {
    this.plane = plane;
    this.loop = plane.control();
    this.registry = registry;
    this.api = api;
    this.host = host;
  }

  /** Starts a server on {@code host:port} (port 0: any free port) with a random seed. */
  public static ToxiproxyServer start(String host, int port) {
    return start(host, port, new SplittableRandom().nextLong());
  }

  /** Starts a server whose toxicity rolls and jitter come from {@code seed}. */
  public static ToxiproxyServer start(String host, int port, long seed) {
    return start(host, port, seed, System::nanoTime);
  }

  static ToxiproxyServer start(String host, int port, long seed, LongSupplier clock) {
    return start(host, port, seed, clock, ApiServer.DEFAULT_LIMITS);
  }

  /** As {@link #start(String, int, long)}, with the API's HTTP limits and timeouts given. */
  static ToxiproxyServer start(String host, int port, long seed, LongSupplier clock, ServerLimits limits) {
    List<EventLoop> loops = new ArrayList<>();
    for (int i = 0; i < Math.max(1, Runtime.getRuntime().availableProcessors()); i++) {
      loops.add(new EventLoop("toxiproxy-loop-" + i, clock));
    }
    SplittableRandom random = new SplittableRandom(seed);
    DataPlane plane = new DataPlane(loops, random.split());
    ProxyRegistry registry = new ProxyRegistry(plane);
    try {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
      ApiServer api = new ApiServer(address, plane.control(), registry, random.nextLong(), limits);
      return new ToxiproxyServer(plane, registry, api, host);
    } catch (IOException e) {
      loops.forEach(EventLoop::close);
      throw new UncheckedIOException(
          "cannot start the Toxiproxy API on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  ApiServer api() {
    return api;
  }

  /** The port the API listens on (the real one when started with port 0). */
  public int port() {
    return api.address().getPort();
  }

  /** A host a client can reach the API at: the given one, or 127.0.0.1 for a wildcard. */
  public String host() {
    if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      return "127.0.0.1";
    }
    return host;
  }

  /** {@code http://host:port}, for raw HTTP clients. */
  public String url() {
    String h = host().contains(":") ? "[" + host() + "]" : host();
    return "http://" + h + ":" + port();
  }

  /** The registry, for in-process callers such as the {@code toxiproxy} command's --config. */
  public ProxyRegistry.PopulateResult populate(byte[] json) {
    return loop.call(() -> registry.populate(json));
  }

  /** Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    api.close();
    loop.call(
        () -> {
          registry.closeAll();
          return null;
        });
    plane.loops().forEach(EventLoop::close);
  }
}
