package io.faultline.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.proxy.net.Addresses;
import io.faultline.proxy.net.DataPlane;
import io.faultline.proxy.net.Proxy;
import io.faultline.proxy.toxic.Direction;
import io.faultline.proxy.toxic.Toxic;
import io.faultline.proxy.toxic.ToxicType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The proxies of one server and the API's rules for changing them: the real server's status codes,
 * messages, defaults and check order (see docs/toxiproxy-api.md). Every method runs on the control
 * loop (callers go through {@code EventLoop.call}) and throws {@link ApiException} for a
 * refused request. Request bodies are decoded here, after the lookups the real server does first.
 */
public final class ProxyRegistry {
  /** What /populate did: the proxies handled so far, and the error that stopped it, if any. */
  public record PopulateResult(List<ProxyView> proxies, ApiException error) {}

  private final DataPlane plane;
  private final Map<String, Proxy> proxies = new TreeMap<>();

  public ProxyRegistry(DataPlane plane) {
    this.plane = plane;
  }

  public List<ProxyView> list() {
    return proxies.values().stream().map(ProxyView::of).toList();
  }

  public ProxyView create(byte[] body) {
    Requests.ProxyFields fields = Requests.proxy(Requests.parse(body));
    requireNameAndUpstream(fields, "");
    if (proxies.containsKey(fields.name())) {
      throw new ApiException(409, "proxy already exists");
    }
    return ProxyView.of(add(fields));
  }

  private Proxy add(Requests.ProxyFields fields) {
    Proxy proxy = new Proxy(plane, fields.name(), listenOf(fields.listen()), fields.upstream());
    if (fields.enabled() == null || fields.enabled()) {
      start(proxy);
    }
    proxies.put(proxy.name(), proxy);
    return proxy;
  }

  public ProxyView get(String name) {
    return ProxyView.of(find(name));
  }

  public ProxyView update(String name, byte[] body) {
    Proxy proxy = find(name);
    Requests.ProxyFields fields = Requests.proxy(Requests.parse(body));
    String listen = fields.listen() != null ? listenOf(fields.listen()) : proxy.listen();
    String upstream = fields.upstream() != null ? fields.upstream() : proxy.upstream();
    boolean enabled = fields.enabled() != null ? fields.enabled() : proxy.enabled();
    if (!sameListen(listen, proxy.listen()) || !upstream.equals(proxy.upstream())) {
      proxy.stop();
      proxy.setListen(listen);
      proxy.setUpstream(upstream);
    }
    if (enabled) {
      start(proxy);
    } else {
      proxy.stop();
    }
    return ProxyView.of(proxy);
  }

  public void delete(String name) {
    find(name).stop();
    proxies.remove(name);
  }

  public List<Toxic> toxics(String proxyName) {
    return find(proxyName).toxics();
  }

  public Toxic toxic(String proxyName, String toxicName) {
    return find(proxyName).toxic(toxicName).orElseThrow(ApiException::toxicNotFound);
  }

  /** Check order as in the real server: body, stream, default name, type, name clash, attributes. */
  public Toxic addToxic(String proxyName, byte[] body) {
    Proxy proxy = find(proxyName);
    Requests.ToxicFields fields = Requests.toxic(Requests.parse(body));
    String stream = fields.stream() == null ? "downstream" : fields.stream();
    Direction direction =
        Direction.parse(stream)
            .orElseThrow(
                () -> new ApiException(400, "stream was invalid, can be either upstream or downstream"));
    String typeName = fields.type() == null ? "" : fields.type();
    String name = fields.name() == null || fields.name().isEmpty() ? typeName + "_" + stream : fields.name();
    ToxicType type =
        ToxicType.fromWireName(typeName).orElseThrow(() -> new ApiException(400, "invalid toxic type"));
    if (proxy.toxic(name).isPresent()) {
      throw new ApiException(409, "toxic already exists");
    }
    Map<String, Long> attributes = Requests.attributes(type, fields.attributes());
    float toxicity = fields.toxicity() == null ? 1f : fields.toxicity();
    Toxic toxic = validated(() -> Toxic.create(name, type, stream, direction, toxicity, attributes));
    proxy.addToxic(toxic);
    return toxic;
  }

  /** Attributes are merged into the current ones; name, type and stream cannot change. */
  public Toxic updateToxic(String proxyName, String toxicName, byte[] body) {
    Proxy proxy = find(proxyName);
    Toxic current = proxy.toxic(toxicName).orElseThrow(ApiException::toxicNotFound);
    Requests.ToxicFields fields = Requests.toxic(Requests.parse(body));
    Map<String, Long> changed = Requests.attributes(current.type(), fields.attributes());
    Toxic updated = validated(() -> current.update(changed, fields.toxicity()));
    proxy.updateToxic(updated);
    return updated;
  }

  public void removeToxic(String proxyName, String toxicName) {
    Proxy proxy = find(proxyName);
    proxy.removeToxic(proxy.toxic(toxicName).orElseThrow(ApiException::toxicNotFound));
  }

  /** Enables every proxy and removes all toxics (removing a timeout toxic closes connections). */
  public void reset() {
    for (Proxy proxy : proxies.values()) {
      start(proxy);
      for (Toxic toxic : proxy.toxics()) {
        proxy.removeToxic(toxic);
      }
    }
  }

  /**
   * Creates or replaces proxies from a JSON array. All entries are checked for name and upstream
   * before anything changes; an entry matching an existing proxy's listen and upstream leaves that
   * proxy untouched (toxics kept, {@code enabled} ignored); processing stops at the first failure.
   */
  public PopulateResult populate(byte[] body) {
    JsonNode array = Requests.parse(body);
    if (!array.isArray()) {
      throw ApiException.badBody(
          "json: cannot unmarshal " + (array.isObject() ? "object" : "value") + " into Go value of type []proxy.Proxy");
    }
    List<Requests.ProxyFields> entries = new ArrayList<>();
    for (JsonNode element : array) {
      entries.add(Requests.proxy(element));
    }
    for (int i = 0; i < entries.size(); i++) {
      requireNameAndUpstream(entries.get(i), " at proxy " + (i + 1));
    }
    List<ProxyView> done = new ArrayList<>();
    for (Requests.ProxyFields entry : entries) {
      try {
        Proxy existing = proxies.get(entry.name());
        if (existing != null
            && sameListen(listenOf(entry.listen()), existing.listen())
            && entry.upstream().equals(existing.upstream())) {
          done.add(ProxyView.of(existing));
          continue;
        }
        if (existing != null) {
          existing.stop();
          proxies.remove(entry.name());
        }
        done.add(ProxyView.of(add(entry)));
      } catch (ApiException e) {
        return new PopulateResult(done, e);
      }
    }
    return new PopulateResult(done, null);
  }

  /** Stops every proxy: listeners and connections closed. */
  public void closeAll() {
    proxies.values().forEach(Proxy::stop);
    proxies.clear();
  }

  private Proxy find(String name) {
    Proxy proxy = proxies.get(name);
    if (proxy == null) {
      throw ApiException.proxyNotFound();
    }
    return proxy;
  }

  private static void start(Proxy proxy) {
    try {
      proxy.start();
    } catch (Addresses.ListenException e) {
      throw new ApiException(500, e.getMessage());
    }
  }

  private static void requireNameAndUpstream(Requests.ProxyFields fields, String where) {
    if (fields.name() == null || fields.name().isEmpty()) {
      throw new ApiException(400, "missing required field: name" + where);
    }
    if (fields.upstream() == null || fields.upstream().isEmpty()) {
      throw new ApiException(400, "missing required field: upstream" + where);
    }
  }

  /** An empty listen address means any interface, any port. */
  private static String listenOf(String listen) {
    return listen == null || listen.isEmpty() ? ":0" : listen;
  }

  /**
   * Whether a requested listen address is the one a proxy already has, comparing resolved
   * addresses as 2.12 does; port 0 never matches a bound proxy.
   */
  private static boolean sameListen(String requested, String current) {
    if (requested.equals(current)) {
      return !requested.endsWith(":0");
    }
    InetSocketAddress a = resolve(requested);
    InetSocketAddress b = resolve(current);
    return a != null && b != null && a.getPort() != 0 && a.equals(b);
  }

  private static InetSocketAddress resolve(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      return null;
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(address.substring(colon + 1));
      InetAddress ip = host.isEmpty() || host.equals("::") || host.equals("0.0.0.0")
          ? InetAddress.getByName("::")
          : InetAddress.getByName(host);
      return new InetSocketAddress(ip, port);
    } catch (Exception e) {
      return null;
    }
  }

  private interface ToxicBuilder {
    Toxic build();
  }

  private static Toxic validated(ToxicBuilder builder) {
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
  }
}
