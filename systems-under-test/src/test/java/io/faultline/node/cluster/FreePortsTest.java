package io.faultline.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  @Test
  void portsAreDistinctAcrossCallsAndBelowTheEphemeralRange() {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      List<Integer> ports = FreePorts.allocate(6);
      assertThat(ports).hasSize(6);
      for (int p : ports) {
        assertThat(seen.add(p)).as("port %d handed out twice", p).isTrue();
        assertThat(p).isGreaterThanOrEqualTo(1024).isLessThan(FreePorts.ephemeralLow());
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
