package io.faultline.run;

import io.faultline.proxy.ToxiproxyServer;

/** The local runtime's Toxiproxy: the embedded server on a free loopback port. */
public final class EmbeddedToxiproxy implements ToxiproxyEndpoint {
  private final ToxiproxyServer server;

  private EmbeddedToxiproxy(ToxiproxyServer server) {
    this.server = server;
  }

  public static EmbeddedToxiproxy start() {
    return new EmbeddedToxiproxy(ToxiproxyServer.start("127.0.0.1", 0));
  }

  @Override
  public String host() {
    return server.host();
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
