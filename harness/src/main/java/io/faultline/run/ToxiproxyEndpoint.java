package io.faultline.run;

/**
 * A running Toxiproxy (embedded or a container) reached through its HTTP API at host:port.
 * Closing it stops it if the harness started it.
 */
public interface ToxiproxyEndpoint extends AutoCloseable {
  String host();

  int port();

  @Override
  void close();
}
