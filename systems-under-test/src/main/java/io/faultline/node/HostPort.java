package io.faultline.node;

import java.net.InetSocketAddress;

/** A {@code HOST:PORT} address as given on the command line (never resolved eagerly). */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
    }
  }

  /** Parses {@code HOST:PORT}; the message of the exception says what was wrong. */
  public static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port is not a number in '" + text + "'");
    }
    return new HostPort(text.substring(0, colon), port);
  }

  public InetSocketAddress toSocketAddress() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
