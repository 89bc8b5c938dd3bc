package io.faultline.runtime;

import io.faultline.runtime.reaper.Reaper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Nodes as child processes on 127.0.0.1: {@code java -jar kv-node.jar ...} with the data folder
 * {@code <runDir>/nodes/<id>/data} and the log {@code <runDir>/nodes/<id>/node.log} (appended to
 * across restarts).
 *
 * <p>No node outlives the harness, whatever ends it:
 * <ul>
 *   <li>closing the runtime stops every node (SIGTERM, SIGKILL after {@link #STOP_GRACE_MILLIS}),
 *       and so does a JVM shutdown hook when the harness is interrupted (Ctrl-C, SIGTERM);
 *   <li>each node's standard input is a pipe the harness holds open and never writes to: it ends
 *       when the harness dies, even by SIGKILL. The bundled node watches it ({@code --lifeline
 *       stdin}); a user's program may;
 *   <li>a {@link Reaper}, started with the first node in a session of its own, is told every
 *       node's pid as it starts and forgets it once it is reaped; when the harness dies it SIGKILLs
 *       those still running with their descendants, and on Linux every process whose environment
 *       holds this runtime's {@link #RUN_ENV} marker. That covers any command line, paused nodes
 *       (which cannot read their lifeline) and what nodes forked. Its log is {@code
 *       nodes/reaper.log}.
 * </ul>
 */
public final class LocalRuntime implements ClusterRuntime {
  /** Environment variable every node gets: the runtime's own id, which the reaper looks for. */
  public static final String RUN_ENV = "FAULTLINE_RUN_ID";
  /** How long closing waits for nodes to exit on SIGTERM (and flush, trim their logs) before SIGKILL. */
  static final long STOP_GRACE_MILLIS = 5_000;

  private final io.faultline.sut.NodeLauncher launcher;
  private final Path nodesDir;
  private final String runId = UUID.randomUUID().toString();
  private Reaper reaper;
  private final Map<String, NodeSpec> specs = new LinkedHashMap<>();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  /** Nodes whose current process was sent SIGKILL or SIGTERM by this runtime. */
  private final java.util.Set<String> dying = new java.util.HashSet<>();
  private final Thread shutdownHook;

  /**
   * @param nodeJar the KV node program
   * @param nodesDir the run's {@code nodes/} folder
   * @param nodeArgs extra flags for every node ({@code --protocol raft --read-mode index ...})
   */
  public LocalRuntime(Path nodeJar, Path nodesDir, List<String> nodeArgs) {
    this(new io.faultline.sut.KvNodeLauncher(nodeJar, nodeArgs), nodesDir);
  }

  /** Nodes started by {@code launcher}: the bundled KV node or a user's own system. */
  public LocalRuntime(io.faultline.sut.NodeLauncher launcher, Path nodesDir) {
    this.launcher = launcher;
    this.nodesDir = nodesDir;
    this.shutdownHook = new Thread(this::stopAll, "faultline-local-runtime-cleanup");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  @Override
  public synchronized void start(NodeSpec spec) throws IOException {
    if (specs.containsKey(spec.id())) {
      throw new IllegalStateException("node " + spec.id() + " already started");
    }
    specs.put(spec.id(), spec);
    launch(spec);
  }

  private void launch(NodeSpec spec) throws IOException {
    Path dir = nodesDir.resolve(spec.id());
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    List<String> cmd = launcher.command(spec, data);
    Path log = dir.resolve("node.log");
    Files.writeString(log, "# " + String.join(" ", cmd) + "\n",
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    if (reaper == null) {
      reaper = Reaper.start(nodesDir);
      reaper.watchEnvironment(RUN_ENV, runId);
    }
    ProcessBuilder builder = new ProcessBuilder(cmd);
    builder.environment().putAll(launcher.environment(spec));
    builder.environment().put(RUN_ENV, runId);
    Process p = builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.PIPE) // the lifeline: held open, never written
        .start();
    reaper.watch(p.toHandle());
    processes.put(spec.id(), p);
  }

  /** A node's process has exited: its lifeline is closed and the reaper forgets its pid. */
  private void retire(Process p) {
    try {
      p.getOutputStream().close();
    } catch (IOException e) {
      // Closing a pipe whose reader is gone.
    }
    if (reaper != null) {
      reaper.forget(p.toHandle());
    }
  }

  @Override
  public void kill(String node) throws IOException {
    killTogether(List.of(node));
  }

  @Override
  public void killTogether(List<String> nodes) throws IOException {
    List<Process> dying = new java.util.ArrayList<>(nodes.size());
    for (String node : nodes) {
      dying.add(markDying(node));
    }
    for (Process p : dying) {
      signal(p, "CONT"); // a paused process must be resumed to be reaped promptly by waitFor
    }
    for (Process p : dying) {
      p.destroyForcibly(); // SIGKILL, not waited for: the next node dies within microseconds
    }
    for (int i = 0; i < dying.size(); i++) {
      waitDead(dying.get(i), nodes.get(i));
    }
    retireAll(dying);
  }

  @Override
  public void stop(String node) throws IOException {
    Process p = markDying(node);
    signal(p, "CONT");
    p.destroy();
    if (!Uninterruptibly.waitFor(p, 5, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    waitDead(p, node);
    retireAll(List.of(p));
  }

  private synchronized void retireAll(List<Process> dead) {
    dead.forEach(this::retire);
  }

  @Override
  public void pause(String node) throws IOException {
    signal(process(node), "STOP");
  }

  @Override
  public void resume(String node) throws IOException {
    signal(process(node), "CONT");
  }

  /**
   * Starts the node again unless its process runs. A process this runtime killed or stopped is
   * waited for even if it still looks alive: SIGKILL was sent, but until the JVM has reaped the
   * child {@code isAlive()} says true, and skipping the restart then would leave the node down
   * while the harness believes it healed.
   */
  @Override
  public synchronized void restart(String node) throws IOException {
    NodeSpec spec = specs.get(node);
    if (spec == null) {
      throw new IllegalArgumentException("unknown node " + node);
    }
    Process p = processes.get(node);
    if (p != null && dying.contains(node)) {
      waitDead(p, node);
    } else if (p != null && p.isAlive()) {
      return;
    }
    if (p != null) {
      retire(p);
    }
    launch(spec);
    dying.remove(node);
  }

  @Override
  public synchronized Liveness liveness(String node) {
    Process p = processes.get(node);
    return p != null && p.isAlive() ? Liveness.RUNNING : Liveness.EXITED;
  }

  @Override
  public synchronized List<String> nodes() {
    return List.copyOf(specs.keySet());
  }

  @Override
  public synchronized NodeSpec spec(String node) {
    return specs.get(node);
  }

  /** The operating-system process id, for logs and tests. */
  public synchronized long pid(String node) {
    return process(node).pid();
  }

  /** The node's process, which this runtime is about to kill or stop (see {@link #restart}). */
  private synchronized Process markDying(String node) {
    Process p = process(node);
    dying.add(node);
    return p;
  }

  private synchronized Process process(String node) {
    Process p = processes.get(node);
    if (p == null) {
      throw new IllegalArgumentException("unknown node " + node);
    }
    return p;
  }

  private static void signal(Process p, String signal) throws IOException {
    if (!p.isAlive()) {
      return;
    }
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
        .redirectErrorStream(true).start();
    kill.getInputStream().readAllBytes();
    if (!Uninterruptibly.waitFor(kill, 10, TimeUnit.SECONDS)) {
      kill.destroyForcibly();
      throw new IOException("kill -" + signal + " " + p.pid() + " did not finish");
    }
    if (kill.exitValue() != 0 && p.isAlive()) {
      throw new IOException("kill -" + signal + " " + p.pid() + " failed");
    }
  }

  private static void waitDead(Process p, String node) throws IOException {
    if (!Uninterruptibly.waitFor(p, 10, TimeUnit.SECONDS)) {
      throw new IOException("node " + node + " (pid " + p.pid() + ") did not die");
    }
  }

  /**
   * Stops every node: resumed if paused, SIGTERM, SIGKILL for those still running after {@link
   * #STOP_GRACE_MILLIS}; then the reaper's lifeline ends (it finds nothing left to kill unless a
   * node forked something that outlived it).
   */
  private synchronized void stopAll() {
    List<Process> all = new ArrayList<>(processes.values());
    for (Process p : all) {
      if (p.isAlive()) {
        try {
          signal(p, "CONT");
        } catch (IOException e) {
          // SIGKILL below if SIGTERM cannot reach it.
        }
        p.destroy();
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
    for (Process p : all) {
      if (!Uninterruptibly.waitFor(p, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        p.destroyForcibly();
      }
    }
    for (Process p : all) {
      if (Uninterruptibly.waitFor(p, 10, TimeUnit.SECONDS)) {
        retire(p);
      }
    }
    if (reaper != null) {
      reaper.close();
    }
  }

  /** The id in every node's {@link #RUN_ENV}, for tests. */
  String runId() {
    return runId;
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running or ran.
    }
  }
}
