package io.faultline.runtime.reaper;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Removes what a dead harness left in Docker: every container labelled {@code label=value}
 * (resumed first if paused, since Docker will not kill a paused container; then force-removed
 * with its anonymous volumes), all at once, then every network with that label. Only objects with
 * exactly this run's label are touched: another run's, even one just like it, has another value.
 */
final class DockerReaping {
  private DockerReaping() {}

  /** Removes this run's containers and networks; returns how many objects were left behind. */
  static int reap(DockerClient docker, String label, String value, long deadlineNanos, PrintStream log) {
    List<Container> containers = docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(label, value)).exec();
    // All at once: a forced removal waits for the container's kill, and one after another six
    // of them took seconds of the ten the reaper has.
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, containers.size()));
    List<Future<Boolean>> removals = new ArrayList<>();
    for (Container c : containers) {
      removals.add(pool.submit(() -> removeContainer(docker, c, log)));
    }
    int left = 0;
    for (Future<Boolean> r : removals) {
      try {
        left += r.get() ? 0 : 1;
      } catch (ExecutionException | InterruptedException e) {
        left++;
      }
    }
    pool.shutdown();
    List<String> filter = List.of(label + "=" + value);
    for (Network n : docker.listNetworksCmd().withFilter("label", filter).exec()) {
      left += removeNetwork(docker, n, deadlineNanos, log) ? 0 : 1;
    }
    return left;
  }

  private static boolean removeContainer(DockerClient docker, Container c, PrintStream log) {
    String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0];
    try {
      if ("paused".equals(c.getState())) {
        docker.unpauseContainerCmd(c.getId()).exec();
      }
    } catch (RuntimeException e) {
      // The forced removal below says whether it mattered.
    }
    try {
      docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
      log.println("reaper: removed container " + name + " (" + c.getImage() + ")");
      return true;
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return true; // gone already
    } catch (RuntimeException e) {
      log.println("reaper: could not remove container " + name + ": " + e.getMessage());
      return false;
    }
  }

  /** A network still has endpoints for a moment after its containers went: retried until the deadline. */
  private static boolean removeNetwork(DockerClient docker, Network n, long deadlineNanos, PrintStream log) {
    while (true) {
      try {
        docker.removeNetworkCmd(n.getId()).exec();
        log.println("reaper: removed network " + n.getName());
        return true;
      } catch (com.github.dockerjava.api.exception.NotFoundException e) {
        return true;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadlineNanos) {
          log.println("reaper: could not remove network " + n.getName() + ": " + e.getMessage());
          return false;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }
}
