package io.faultline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void portsAreDistinctBindableAndBelowTheEphemeralRange() throws Exception {
    int ephemeralLow = FreePorts.ephemeralLow();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      int port = FreePorts.next();
      assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
      assertThat(port).isLessThan(ephemeralLow).isGreaterThanOrEqualTo(1024);
    }
    int port = FreePorts.next();
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aPortInUseIsNeverHandedOut() throws Exception {
    // Occupy a run of ports just below the ephemeral range; none of them may come back.
    int high = FreePorts.ephemeralLow();
    Set<ServerSocket> held = new HashSet<>();
    Set<Integer> occupied = new HashSet<>();
    try {
      for (int p = high - 200; p < high; p++) {
        try {
          ServerSocket s = new ServerSocket();
          s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
          held.add(s);
          occupied.add(p);
        } catch (java.io.IOException busy) {
          occupied.add(p);
        }
      }
      for (int i = 0; i < 500; i++) {
        assertThat(occupied).doesNotContain(FreePorts.next());
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  @Test
  void theEphemeralRangeIsTheKernelsNotTheFallback() throws Exception {
    java.nio.file.Path range = java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(range), "not Linux");
    try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(range)) {
      int kernelLow = Integer.parseInt(r.readLine().trim().split("\\s+")[0]);
      assertThat(FreePorts.ephemeralLow()).isEqualTo(kernelLow > 2048 ? kernelLow : 49152);
    }
  }
}
