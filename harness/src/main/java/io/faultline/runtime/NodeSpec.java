package io.faultline.runtime;

import java.util.Map;

/**
 * Everything needed to start one node: its id, the addresses it listens on, and the address at
 * which it reaches each peer (for the local runtime, the proxy of the directed link to that peer).
 */
public record NodeSpec(String id, Address client, Address peer, Map<String, Address> peers) {

  public NodeSpec {
    peers = Map.copyOf(peers);
  }

  /** A host and port. */
  public record Address(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }

    /** Parses {@code host:port}. */
    public static Address parse(String hostPort) {
      int colon = hostPort.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("not host:port: " + hostPort);
      }
      return new Address(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
  }
}
