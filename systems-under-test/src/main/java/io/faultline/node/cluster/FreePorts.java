package io.faultline.node.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks free loopback ports by binding port 0. There is a window between closing the probe and
 * the node binding; holding all probes open until every port is chosen keeps them distinct.
 */
public final class FreePorts {
  private FreePorts() {}

  public static List<Integer> allocate(int count) {
    List<ServerSocket> probes = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        probe.setReuseAddress(true);
        probes.add(probe);
        ports.add(probe.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    } finally {
      for (ServerSocket probe : probes) {
        try {
          probe.close();
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }
}
