package io.faultline.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.faultline.it.KilledHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a harness running {@code --runtime docker}: within 10 s every container of
 * its run (the nodes, found by their bind-mounted data folder under the run folder, and whatever
 * else is on their private network: Toxiproxy) and that network are gone, a paused container
 * included. The harness is killed while the nemesis kills, restarts and pauses nodes. Objects are
 * found without the run's labels, so the test reads the same on code that sets none.
 */
class DockerHarnessKilledIT {
  private static final long GONE_WITHIN_MILLIS = 10_000;

  @Test
  void theRunsContainersAndNetworkAreRemovedWhenTheHarnessIsKilled() throws Exception {
    DockerClient docker = DockerSupport.dockerOrSkip();
    Path dir = KilledHarness.resultsDir("docker");
    Path out = dir.resolve("harness.out");
    Process harness = KilledHarness.startCli(out, "test", "--runtime", "docker", "--system", "raft", "--nodes", "3",
        "--nemesis", "kill,pause", "--nemesis-interval", "2", "--time-limit", "300", "--results-dir", dir.toString());
    Set<String> containers = new LinkedHashSet<>();
    Set<String> networks = new LinkedHashSet<>();
    try {
      boolean ready = KilledHarness.await(() -> {
        if (!harness.isAlive()) {
          return true;
        }
        List<Container> nodes = nodeContainers(docker, dir);
        nodes.forEach(c -> containers.add(c.getId()));
        networks.addAll(privateNetworks(nodes));
        return nodes.size() == 3 && nodes.stream().anyMatch(c -> "paused".equals(c.getState()))
            && read(out).contains("ok ");
      }, 300_000);
      assertThat(harness.isAlive() && ready).as("three node containers, one paused, while clients run: " + read(out))
          .isTrue();
      for (String network : networks) {
        docker.listContainersCmd().withShowAll(true).withNetworkFilter(List.of(network)).exec()
            .forEach(c -> containers.add(c.getId()));
      }
      assertThat(containers).as("the nodes and Toxiproxy").hasSize(4);
      assertThat(networks).hasSize(1);

      long killedAt = System.nanoTime();
      harness.destroyForcibly(); // SIGKILL: no shutdown hook runs
      harness.waitFor();

      boolean gone = KilledHarness.await(() -> containers.stream().noneMatch(exists(docker, true))
          && networks.stream().noneMatch(exists(docker, false)), GONE_WITHIN_MILLIS);
      System.out.printf("%s: gone %d ms after the kill%n", dir.getFileName(),
          (System.nanoTime() - killedAt) / 1_000_000);
      List<String> left = new ArrayList<>(containers.stream().filter(exists(docker, true)).toList());
      networks.stream().filter(exists(docker, false)).forEach(n -> left.add("network " + n));
      assertThat(gone).as("left 10 s after the harness was killed: " + left).isTrue();
    } finally {
      harness.destroyForcibly();
      for (String id : containers) {
        try {
          docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
          // Gone, as it should be.
        }
      }
      for (String id : networks) {
        try {
          docker.removeNetworkCmd(id).exec();
        } catch (RuntimeException e) {
          // Gone, as it should be.
        }
      }
    }
  }

  /** Containers whose bind mounts come from under {@code dir}: this test's run's nodes. */
  private static List<Container> nodeContainers(DockerClient docker, Path dir) {
    String prefix = dir.toAbsolutePath().toString();
    return docker.listContainersCmd().withShowAll(true).exec().stream()
        .filter(c -> c.getMounts() != null && c.getMounts().stream()
            .anyMatch(m -> m.getSource() != null && m.getSource().startsWith(prefix)))
        .toList();
  }

  private static Set<String> privateNetworks(List<Container> nodes) {
    Set<String> ids = new LinkedHashSet<>();
    for (Container c : nodes) {
      if (c.getNetworkSettings() != null && c.getNetworkSettings().getNetworks() != null) {
        c.getNetworkSettings().getNetworks().forEach((name, n) -> {
          if (!name.equals("bridge") && n.getNetworkID() != null && !n.getNetworkID().isEmpty()) {
            ids.add(n.getNetworkID());
          }
        });
      }
    }
    return ids;
  }

  private static Predicate<String> exists(DockerClient docker, boolean container) {
    return id -> {
      try {
        if (container) {
          docker.inspectContainerCmd(id).exec();
        } else {
          docker.inspectNetworkCmd().withNetworkId(id).exec();
        }
        return true;
      } catch (NotFoundException e) {
        return false;
      }
    };
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
