package io.faultline.node.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * N KV nodes as real processes ({@code java -jar kv-node.jar}) on 127.0.0.1, for integration tests
 * and the benchmark. Ports are chosen once and kept, so a node restarted after {@link #kill} comes
 * back at the same addresses with its data folder ({@code baseDir/<id>/data}); its stdout and
 * stderr are appended to {@code baseDir/<id>/node.log}. Peers are wired directly (no proxies).
 *
 * <p>Not thread-safe; {@link #close} kills every node it started.
 */
public final class LocalCluster implements AutoCloseable {
  private final Path jar;
  private final String protocol;
  private final Path baseDir;
  private final List<String> nodeArgs;
  private final List<String> jvmArgs;
  private final Map<String, Integer> clientPorts = new LinkedHashMap<>();
  private final Map<String, Integer> peerPorts = new LinkedHashMap<>();
  private final Map<String, Process> processes = new LinkedHashMap<>();

  /**
   * @param nodeArgs extra flags for every node (e.g. {@code --bug x}, {@code --read-mode lease})
   * @param jvmArgs JVM options for every node process
   */
  public LocalCluster(
      Path jar, String protocol, int nodes, Path baseDir, List<String> nodeArgs, List<String> jvmArgs) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("node jar not found: " + jar + " (build with mvn -pl systems-under-test package)");
    }
    this.jar = jar;
    this.protocol = protocol;
    this.baseDir = baseDir;
    this.nodeArgs = List.copyOf(nodeArgs);
    this.jvmArgs = List.copyOf(jvmArgs);
    List<Integer> ports = FreePorts.allocate(2 * nodes);
    for (int i = 0; i < nodes; i++) {
      String id = "n" + (i + 1);
      clientPorts.put(id, ports.get(2 * i));
      peerPorts.put(id, ports.get(2 * i + 1));
    }
  }

  public static List<String> defaultJvmArgs() {
    return List.of("-Xmx256m", "-XX:+UseSerialGC");
  }

  public List<String> ids() {
    return List.copyOf(clientPorts.keySet());
  }

  public String protocol() {
    return protocol;
  }

  public int clientPort(String id) {
    return clientPorts.get(id);
  }

  public Path dataDir(String id) {
    return baseDir.resolve(id).resolve("data");
  }

  public Path logFile(String id) {
    return baseDir.resolve(id).resolve("node.log");
  }

  /** A new keep-alive client for node {@code id} (close it when done). */
  public NodeClient client(String id, int timeoutMs) {
    return new NodeClient("127.0.0.1", clientPort(id), timeoutMs);
  }

  /** Starts every node that is not running. */
  public void startAll() {
    ids().forEach(this::start);
  }

  /** Starts (or restarts, keeping its data) node {@code id}; returns once the process is spawned. */
  public void start(String id) {
    if (isRunning(id)) {
      return;
    }
    try {
      Files.createDirectories(dataDir(id));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmArgs);
      command.addAll(List.of("-jar", jar.toString(), "--id", id, "--protocol", protocol,
          "--client-listen", "127.0.0.1:" + clientPorts.get(id),
          "--peer-listen", "127.0.0.1:" + peerPorts.get(id),
          "--peers", peersFlag(),
          "--data-dir", dataDir(id).toString()));
      command.addAll(nodeArgs);
      File log = logFile(id).toFile();
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
              .start();
      processes.put(id, process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node " + id, e);
    }
  }

  private String peersFlag() {
    return peerPorts.entrySet().stream()
        .map(e -> e.getKey() + "=127.0.0.1:" + e.getValue())
        .collect(Collectors.joining(","));
  }

  public boolean isRunning(String id) {
    Process p = processes.get(id);
    return p != null && p.isAlive();
  }

  /** SIGKILL: no shutdown hook runs, unsynced data is at the kernel's mercy. Waits for exit. */
  public void kill(String id) {
    Process p = processes.remove(id);
    if (p != null) {
      p.destroyForcibly();
      waitFor(p);
    }
  }

  /** SIGTERM: the node's shutdown hook closes it. Waits for exit. */
  public void stop(String id) {
    Process p = processes.remove(id);
    if (p != null) {
      p.destroy();
      waitFor(p);
    }
  }

  /** SIGSTOP: the process freezes with its sockets open (a long GC pause or VM stall). */
  public void pause(String id) {
    signal(id, "STOP");
  }

  /** SIGCONT after {@link #pause}. */
  public void resume(String id) {
    signal(id, "CONT");
  }

  private void signal(String id, String signal) {
    Process p = processes.get(id);
    if (p == null) {
      throw new IllegalStateException("node " + id + " is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + p.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@link #kill} then {@link #start}, data kept. */
  public void restart(String id) {
    kill(id);
    start(id);
  }

  private static void waitFor(Process p) {
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code GET /admin/status} of a node, or empty if it does not answer. */
  public Optional<JsonNode> status(String id) {
    try (NodeClient client = client(id, 1_000)) {
      HttpReply reply = client.status();
      return reply.ok() ? Optional.of(reply.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Waits until node {@code id} answers {@code /admin/status}. */
  public void awaitServing(String id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (status(id).isEmpty()) {
      if (!isRunning(id)) {
        throw new IllegalStateException("node " + id + " exited; see " + logFile(id));
      }
      pause(deadline, "node " + id + " to answer /admin/status");
    }
  }

  /**
   * Waits until the running nodes agree on a leader: one reports role {@code leader} and a
   * majority of the cluster names it. For leaderless protocols (every running node answers with
   * role {@code peer}) returns the first running node once all running nodes answer.
   */
  public String awaitLeader(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<String> leader = currentLeader();
      if (leader.isPresent()) {
        return leader.get();
      }
      pause(deadline, "a leader among " + ids());
    }
  }

  private Optional<String> currentLeader() {
    Map<String, JsonNode> statuses = new LinkedHashMap<>();
    int running = 0;
    for (String id : ids()) {
      if (isRunning(id)) {
        running++;
        status(id).ifPresent(s -> statuses.put(id, s));
      }
    }
    return agreedLeader(statuses, ids().size(), running);
  }

  /**
   * The leader the answering nodes agree on, from their {@code /admin/status} bodies: a node
   * reporting role {@code leader} that a majority of the {@code clusterSize} nodes — itself
   * included — name as leader. If every answering node has role {@code peer} (a leaderless
   * protocol), the first of them once all {@code running} nodes answer.
   */
  static Optional<String> agreedLeader(Map<String, JsonNode> statuses, int clusterSize, int running) {
    if (statuses.isEmpty()) {
      return Optional.empty();
    }
    boolean leaderless = statuses.values().stream().allMatch(s -> s.path("role").asText().equals("peer"));
    if (leaderless) {
      return statuses.size() == running ? Optional.of(statuses.keySet().iterator().next()) : Optional.empty();
    }
    int majority = clusterSize / 2 + 1;
    for (Map.Entry<String, JsonNode> e : statuses.entrySet()) {
      if (e.getValue().path("role").asText().equals("leader")) {
        String leader = e.getKey();
        long others = statuses.entrySet().stream()
            .filter(o -> !o.getKey().equals(leader))
            .filter(o -> leader.equals(o.getValue().path("leader").asText(null)))
            .count();
        if (1 + others >= majority) {
          return Optional.of(leader);
        }
      }
    }
    return Optional.empty();
  }

  private void pause(long deadline, String what) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("timed out waiting for " + what + "; node logs in " + baseDir);
    }
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + what);
    }
  }

  @Override
  public void close() {
    new ArrayList<>(processes.keySet()).forEach(this::kill);
  }
}
