package io.faultline.runtime.reaper;

import com.github.dockerjava.api.DockerClient;
import io.faultline.runtime.docker.DockerAccess;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What a reaper has been told to clean up, and the clean-up itself once the lifeline ends. Orders
 * arrive on one thread; {@link #lifelineEnded} is called once, after the last.
 */
final class ReapList {
  /** How long processes get to exit on SIGTERM before SIGKILL (a node's clean close takes well under it). */
  static final long GRACE_MILLIS = 2_000;
  /** How long the reaper waits for processes to vanish, and retries a network removal. */
  static final long WAIT_MILLIS = 8_000;

  private final PrintStream log;
  private final Supplier<DockerClient> dockerClient;
  private final Map<Long, ReapOrder.WatchProcess> processes = new LinkedHashMap<>();
  private final List<ReapOrder.WatchEnvironment> markers = new ArrayList<>();
  private final List<ReapOrder.WatchDocker> dockerLabels = new ArrayList<>();
  private CompletableFuture<DockerClient> docker;
  private boolean released;

  /** @param dockerClient connects to Docker (asked in the background at the first Docker order) */
  ReapList(PrintStream log, Supplier<DockerClient> dockerClient) {
    this.log = log;
    this.dockerClient = dockerClient;
  }

  /** With Docker reached as the harness reaches it ({@link DockerAccess}). */
  static ReapList standard(PrintStream log) {
    return new ReapList(log, () -> {
      try {
        return DockerAccess.client();
      } catch (io.faultline.runtime.docker.DockerUnavailableException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    });
  }

  void accept(ReapOrder order) {
    if (order instanceof ReapOrder.WatchProcess w) {
      processes.put(w.pid(), w);
    } else if (order instanceof ReapOrder.ForgetProcess f) {
      processes.remove(f.pid());
    } else if (order instanceof ReapOrder.WatchEnvironment m) {
      markers.add(m);
    } else if (order instanceof ReapOrder.WatchDocker d) {
      dockerLabels.add(d);
      if (docker == null) {
        // Connected now, while the run goes on, so the clean-up does not wait for it.
        docker = CompletableFuture.supplyAsync(dockerClient);
      }
    } else if (order instanceof ReapOrder.Released) {
      released = true;
    }
  }

  /** Kills and removes whatever is left, unless the harness said it cleaned up; returns what survived. */
  int lifelineEnded() {
    if (released) {
      log.println("reaper: the harness cleaned up after itself; nothing to do");
      return 0;
    }
    log.println("reaper: lifeline ended (the harness closed it, or died); cleaning up " + processes.size()
        + " watched process(es)"
        + (markers.isEmpty() ? "" : " and those marked " + markers.get(0).name() + "=" + markers.get(0).value())
        + (dockerLabels.isEmpty() ? "" : ", Docker objects labelled " + dockerLabels.get(0).label() + "="
            + dockerLabels.get(0).value()));
    long start = System.nanoTime();
    long deadline = start + WAIT_MILLIS * 1_000_000L;
    int left = 0;
    List<ProcessHandle> survivors = ProcessReaping.stop(ProcessReaping.targets(processes.values(), markers),
        GRACE_MILLIS, WAIT_MILLIS, log);
    for (ProcessHandle p : survivors) {
      log.println("reaper: pid " + p.pid() + " is still alive");
    }
    left += survivors.size();
    if (!dockerLabels.isEmpty()) {
      try {
        DockerClient client = docker.join();
        for (ReapOrder.WatchDocker d : dockerLabels) {
          left += DockerReaping.reap(client, d.label(), d.value(), deadline, log);
        }
      } catch (RuntimeException e) {
        log.println("reaper: cannot clean up Docker: " + e.getMessage());
        left++;
      }
    }
    log.printf("reaper: done in %d ms%s%n", (System.nanoTime() - start) / 1_000_000,
        left == 0 ? "" : ", " + left + " object(s) left behind");
    return left;
  }
}
