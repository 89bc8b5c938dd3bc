package io.faultline.node.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks loopback ports for node processes that bind them a moment later — and again after every
 * restart. Ports come from just below the kernel's ephemeral range: a port-0 probe would come from
 * inside it, where the kernel may give the port to any outgoing connection (a node dialling its
 * peers) while its own node is down, and the restarted node then dies with "Address already in
 * use". Ports are checked bindable and never handed out twice by this JVM.
 */
public final class FreePorts {
  private static final int RANGE_SIZE = 12_000;
  private static final Set<Integer> ISSUED = new HashSet<>();

  private FreePorts() {}

  public static synchronized List<Integer> allocate(int count) {
    int high = ephemeralLow();
    int low = Math.max(1024, high - RANGE_SIZE);
    int span = high - low;
    int start = ThreadLocalRandom.current().nextInt(span);
    List<Integer> ports = new ArrayList<>(count);
    for (int i = 0; i < span && ports.size() < count; i++) {
      int port = low + (start + i) % span;
      if (!ISSUED.contains(port) && bindable(port)) {
        ISSUED.add(port);
        ports.add(port);
      }
    }
    if (ports.size() < count) {
      throw new UncheckedIOException(new IOException(
          "no " + count + " free loopback ports between " + low + " and " + high));
    }
    return ports;
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The low end of the kernel's ephemeral port range (Linux), else the IANA default 49152. */
  static int ephemeralLow() {
    try {
      // Not Files.readString: on JDK 17 it reads procfs files by their reported size and returned
      // "3" here, so the fallback silently put every port inside the ephemeral range.
      String[] parts = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
          .split("\\s+");
      int low = Integer.parseInt(parts[0]);
      return low > 2048 ? low : 49152;
    } catch (IOException | RuntimeException e) {
      return 49152;
    }
  }
}
