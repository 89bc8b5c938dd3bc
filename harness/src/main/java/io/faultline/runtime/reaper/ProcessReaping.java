package io.faultline.runtime.reaper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and stops the processes a dead harness left: each watched pid whose start time still
 * matches (so a pid the system gave to someone else since is never touched), with its
 * descendants, plus on Linux every process carrying the run's environment marker.
 */
final class ProcessReaping {
  private static final Path PROC = Path.of("/proc");

  private ProcessReaping() {}

  /** A process's start time in epoch milliseconds, -1 when the system does not say. */
  static long startMillis(ProcessHandle p) {
    return p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
  }

  /** The live processes of this run, each once, the watched ones first. */
  static List<ProcessHandle> targets(Collection<ReapOrder.WatchProcess> watched,
      Collection<ReapOrder.WatchEnvironment> markers) {
    Map<Long, ProcessHandle> found = new LinkedHashMap<>();
    long self = ProcessHandle.current().pid();
    for (ReapOrder.WatchProcess w : watched) {
      Optional<ProcessHandle> p = ProcessHandle.of(w.pid());
      if (p.isPresent() && w.startMillis() >= 0 && startMillis(p.get()) == w.startMillis()) {
        found.put(w.pid(), p.get());
        p.get().descendants().forEach(d -> found.putIfAbsent(d.pid(), d));
      }
    }
    for (ReapOrder.WatchEnvironment m : markers) {
      for (long pid : withEnvironment(m.name() + "=" + m.value())) {
        ProcessHandle.of(pid).ifPresent(p -> found.putIfAbsent(pid, p));
      }
    }
    found.remove(self);
    return List.copyOf(found.values());
  }

  /** Pids whose environment holds {@code entry} exactly; empty where there is no /proc. */
  static List<Long> withEnvironment(String entry) {
    List<Long> pids = new ArrayList<>();
    if (!Files.isDirectory(PROC)) {
      return pids;
    }
    byte[] wanted = entry.getBytes(StandardCharsets.UTF_8);
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path dir : dirs) {
        try {
          if (holds(Files.readAllBytes(dir.resolve("environ")), wanted)) {
            pids.add(Long.parseLong(dir.getFileName().toString()));
          }
        } catch (IOException | RuntimeException e) {
          // Gone meanwhile, or not ours to read.
        }
      }
    } catch (IOException e) {
      // No process table to read: the watched pids are all there is.
    }
    return pids;
  }

  /** Whether the NUL-separated {@code environ} has an entry equal to {@code entry}. */
  static boolean holds(byte[] environ, byte[] entry) {
    int start = 0;
    for (int i = 0; i <= environ.length; i++) {
      if (i == environ.length || environ[i] == 0) {
        if (i - start == entry.length && java.util.Arrays.equals(environ, start, i, entry, 0, entry.length)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  /**
   * Stops every target as the runtime stops nodes: SIGTERM (and SIGCONT, so a paused one can act
   * on it), SIGKILL for those still alive after {@code graceMillis}; waits up to {@code
   * waitMillis} in all and returns those still alive then.
   */
  static List<ProcessHandle> stop(List<ProcessHandle> targets, long graceMillis, long waitMillis, PrintStream log) {
    long start = System.nanoTime();
    for (ProcessHandle p : targets) {
      log.println("reaper: SIGTERM pid " + p.pid() + ": " + describe(p));
      p.destroy();
    }
    resume(targets);
    List<ProcessHandle> alive = awaitGone(targets, start + graceMillis * 1_000_000L);
    for (ProcessHandle p : alive) {
      log.println("reaper: SIGKILL pid " + p.pid() + " (still alive after " + graceMillis + " ms" + state(p) + ")");
      p.destroyForcibly();
    }
    return awaitGone(alive, start + waitMillis * 1_000_000L);
  }

  /** ", state X" from /proc (R running, S sleeping, T stopped, ...), or nothing where there is none. */
  private static String state(ProcessHandle p) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(p.pid())).resolve("stat"));
      return ", state " + stat.charAt(stat.lastIndexOf(')') + 2);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String describe(ProcessHandle p) {
    String c = p.info().commandLine().orElse("?");
    return c.length() > 160 ? c.substring(0, 160) + "..." : c;
  }

  /** SIGCONT to every target; there is no Java call for it, and a failure only costs the grace period. */
  private static void resume(List<ProcessHandle> targets) {
    if (targets.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", "-CONT"));
    targets.forEach(p -> command.add(Long.toString(p.pid())));
    try {
      Process kill = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      kill.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (IOException e) {
      // No kill program: a paused process waits for its SIGKILL instead.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<ProcessHandle> awaitGone(List<ProcessHandle> processes, long deadlineNanos) {
    List<ProcessHandle> alive = new ArrayList<>(processes);
    alive.removeIf(p -> !p.isAlive());
    while (!alive.isEmpty() && System.nanoTime() < deadlineNanos) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      alive.removeIf(p -> !p.isAlive());
    }
    return alive;
  }
}
