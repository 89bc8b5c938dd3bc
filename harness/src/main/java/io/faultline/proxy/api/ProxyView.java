package io.faultline.proxy.api;

import io.faultline.proxy.net.Proxy;
import io.faultline.proxy.toxic.Toxic;
import java.util.List;

/** An immutable snapshot of a proxy, taken on the loop thread and rendered on any other. */
public record ProxyView(String name, String listen, String upstream, boolean enabled, List<Toxic> toxics) {
  static ProxyView of(Proxy proxy) {
    return new ProxyView(
        proxy.name(), proxy.listen(), proxy.upstream(), proxy.enabled(), List.copyOf(proxy.toxics()));
  }
}
