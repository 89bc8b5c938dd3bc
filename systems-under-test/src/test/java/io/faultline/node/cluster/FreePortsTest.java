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
}
