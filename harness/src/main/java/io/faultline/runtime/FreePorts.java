package io.faultline.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out loopback ports for nodes and proxies that will bind them a moment later.
 *
 * <p>Why not "bind port 0 and release it": such a port comes from the kernel's ephemeral range,
 * and between the release and the node's own bind the kernel may give that very port to any
 * outgoing connection (a node dialling its peers, a client) or to another port-0 listener — the
 * node then dies with "Address already in use". So ports are taken from just below the ephemeral
 * range, where the kernel never assigns on its own, checked bindable, and never handed out twice
 * by this JVM.
 */
public final class FreePorts {
  private static final int RANGE_SIZE = 12_000;
  private static final Set<Integer> ISSUED = new HashSet<>();

  private FreePorts() {}

  /** A port on 127.0.0.1 that is free now, outside the ephemeral range, and not issued before. */
  public static synchronized int next() {
    int high = ephemeralLow();
    int low = Math.max(1024, high - RANGE_SIZE);
    int span = high - low;
    int start = ThreadLocalRandom.current().nextInt(span);
    for (int i = 0; i < span; i++) {
      int port = low + (start + i) % span;
      if (!ISSUED.contains(port) && bindable(port)) {
        ISSUED.add(port);
        return port;
      }
    }
    throw new UncheckedIOException(new IOException(
        "no free port on 127.0.0.1 between " + low + " and " + high));
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The low end of the kernel's ephemeral port range (Linux), else the IANA default 49152. */
  static int ephemeralLow() {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    try {
      // Not Files.readString: on JDK 17 it reads procfs files by their reported size and returned
      // "3" here, so the fallback silently put every port inside the ephemeral range.
      String[] parts = Files.readAllLines(range).get(0).trim().split("\\s+");
      int low = Integer.parseInt(parts[0]);
      return low > 2048 ? low : 49152;
    } catch (IOException | RuntimeException e) {
      return 49152;
    }
  }
}
