package io.faultline.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.runtime.NodeSpec;
import io.faultline.runtime.NodeSpec.Address;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Peer addresses in Docker: every other node only through its own proxy port, oneself directly. */
class DockerClusterSpecsTest {

  @Test
  void everyDirectedLinkHasItsOwnProxyPort() {
    List<NodeSpec> specs = DockerCluster.specs(List.of("n1", "n2", "n3"));
    NodeSpec n1 = specs.get(0);
    assertThat(n1.peers()).containsEntry("n1", new Address("n1", DockerRuntime.PEER_PORT))
        .containsEntry("n2", new Address("toxiproxy", 20_000))
        .containsEntry("n3", new Address("toxiproxy", 20_001));
    assertThat(n1.client().host()).isEqualTo("127.0.0.1");
    Set<Integer> ports = new HashSet<>();
    for (NodeSpec s : specs) {
      s.peers().forEach((to, a) -> {
        if (!to.equals(s.id())) {
          assertThat(a.host()).isEqualTo("toxiproxy");
          assertThat(ports.add(a.port())).as("port of %s->%s is unique", s.id(), to).isTrue();
        }
      });
    }
    assertThat(ports).hasSize(6);
  }
}
