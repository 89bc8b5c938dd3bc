package io.faultline.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.faultline.runtime.ClusterRuntime;
import io.faultline.runtime.Liveness;
import io.faultline.runtime.NodeSpec;
import io.faultline.runtime.Uninterruptibly;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * Nodes as containers of one image on one private Docker network, each reachable there by its id
 * (network alias) and from the harness at {@link NodeSpec#client()} (127.0.0.1, a host port fixed
 * at creation, so it stays the same after a kill and restart, unlike an ephemeral mapping). A
 * node's data is the bind-mounted folder {@code <nodesDir>/<id>/data}; kill is {@code docker kill
 * -s KILL}, pause is {@code docker pause} (cgroup freezer), restart starts the same container
 * again, so address, alias and data are kept. Each node's output (all its runs) is written to
 * {@code <nodesDir>/<id>/node.log} when the runtime closes, which stops every container (SIGTERM,
 * so nodes close their files; SIGKILL after {@link #STOP_GRACE_SECONDS}) and removes it; a JVM
 * shutdown hook does the same if the harness is interrupted. Every container carries the labels
 * given, by which a reaper finds what is left if the harness is killed ({@link DockerCluster}).
 */
public final class DockerRuntime implements ClusterRuntime {
  /** Ports inside every node container. */
  public static final int CLIENT_PORT = 8080;
  public static final int PEER_PORT = 7000;
  /** How long closing waits for nodes to exit on SIGTERM before removing them by force. */
  static final int STOP_GRACE_SECONDS = 5;

  private final DockerClient docker;
  private final Network network;
  private final String image;
  private final Path nodesDir;
  private final List<String> nodeArgs;
  private final Map<String, String> labels;
  private final Map<String, NodeSpec> specs = new LinkedHashMap<>();
  private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
  /** Nodes whose container this runtime killed or stopped and has not started again. */
  private final java.util.Set<String> dying = new java.util.HashSet<>();
  private final Thread shutdownHook;
  private boolean closed;

  /**
   * @param image a local image whose entrypoint is the node program
   * @param nodeArgs extra flags for every node ({@code --protocol raft ...})
   * @param labels Docker labels for every container (the run's, so a reaper can find them)
   */
  public DockerRuntime(DockerClient docker, Network network, String image, Path nodesDir, List<String> nodeArgs,
      Map<String, String> labels) {
    this.docker = docker;
    this.network = network;
    this.image = image;
    this.nodesDir = nodesDir;
    this.nodeArgs = List.copyOf(nodeArgs);
    this.labels = Map.copyOf(labels);
    this.shutdownHook = new Thread(this::removeAll, "faultline-docker-runtime-cleanup");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a container for {@code spec}: {@code client()} is the harness's 127.0.0.1 address (its
   * port is bound to the container's {@link #CLIENT_PORT}), {@code peers()} are addresses on the
   * Docker network. Safe to call for several nodes at once.
   */
  @Override
  public void start(NodeSpec spec) throws IOException {
    synchronized (this) {
      if (closed || specs.containsKey(spec.id())) {
        throw new IllegalStateException("node " + spec.id() + (closed ? ": runtime closed" : " already started"));
      }
      specs.put(spec.id(), spec);
    }
    Path data = Files.createDirectories(nodesDir.resolve(spec.id()).resolve("data")).toAbsolutePath();
    List<String> args = args(spec);
    Files.writeString(nodesDir.resolve(spec.id()).resolve("node.log"), "# docker: " + image + " " + String.join(" ", args)
        + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    ExposedPort client = ExposedPort.tcp(CLIENT_PORT);
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
        .withNetwork(network)
        .withNetworkAliases(spec.id())
        .withLabels(labels)
        .withCommand(args.toArray(String[]::new))
        .withFileSystemBind(data.toString(), "/data", BindMode.READ_WRITE)
        .withStartupTimeout(Duration.ofSeconds(60))
        .withCreateContainerCmdModifier(cmd -> {
          cmd.withExposedPorts(client);
          cmd.getHostConfig().withPortBindings(
              new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", spec.client().port()), client))
              .withMemory(384L << 20);
        });
    try {
      container.start();
    } catch (RuntimeException e) {
      throw new IOException("node " + spec.id() + " did not start in Docker: " + e.getMessage(), e);
    }
    synchronized (this) {
      containers.put(spec.id(), container);
    }
  }

  List<String> args(NodeSpec spec) {
    List<String> args = new ArrayList<>(List.of("--id", spec.id(),
        "--client-listen", "0.0.0.0:" + CLIENT_PORT,
        "--peer-listen", "0.0.0.0:" + spec.peer().port(),
        "--peers", spec.peers().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
            .collect(Collectors.joining(",")),
        "--data-dir", "/data"));
    args.addAll(nodeArgs);
    return args;
  }

  @Override
  public void kill(String node) throws IOException {
    String id = markDying(node);
    call(node, "kill", () -> {
      if (state(id).getPaused()) {
        docker.unpauseContainerCmd(id).exec(); // Docker refuses to kill a paused container
      }
      if (state(id).getRunning()) {
        docker.killContainerCmd(id).withSignal("KILL").exec();
      }
    });
    awaitStopped(node, id);
  }

  @Override
  public void stop(String node) throws IOException {
    String id = markDying(node);
    call(node, "stop", () -> {
      if (state(id).getPaused()) {
        docker.unpauseContainerCmd(id).exec();
      }
      if (state(id).getRunning()) {
        docker.stopContainerCmd(id).withTimeout(5).exec();
      }
    });
    awaitStopped(node, id);
  }

  @Override
  public void pause(String node) throws IOException {
    String id = containerId(node);
    call(node, "pause", () -> {
      ContainerState s = state(id);
      if (s.getRunning() && !s.getPaused()) {
        docker.pauseContainerCmd(id).exec();
      }
    });
  }

  @Override
  public void resume(String node) throws IOException {
    String id = containerId(node);
    call(node, "resume", () -> {
      if (state(id).getPaused()) {
        docker.unpauseContainerCmd(id).exec();
      }
    });
  }

  /**
   * Starts the container again unless it runs. One this runtime killed or stopped is first
   * waited for until Docker reports it stopped: a kill cut short (its wait failed) leaves it
   * "running" for a moment, and skipping the start then would leave the node down while the
   * harness believes it healed.
   */
  @Override
  public void restart(String node) throws IOException {
    String id = containerId(node);
    boolean killedByUs;
    synchronized (this) {
      killedByUs = dying.contains(node);
    }
    if (killedByUs) {
      awaitStopped(node, id);
    }
    call(node, "restart", () -> {
      if (!state(id).getRunning()) {
        docker.startContainerCmd(id).exec();
      }
    });
    synchronized (this) {
      dying.remove(node);
    }
  }

  @Override
  public Liveness liveness(String node) {
    String id;
    synchronized (this) {
      GenericContainer<?> c = containers.get(node);
      if (c == null || closed) {
        return Liveness.EXITED;
      }
      id = c.getContainerId();
    }
    // The Docker API can fail transiently on a loaded machine (a timeout, a refused pooled
    // connection): ask twice, and if both fail say so rather than call the node dead.
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        return Boolean.TRUE.equals(state(id).getRunning()) ? Liveness.RUNNING : Liveness.EXITED;
      } catch (RuntimeException e) {
        // Asked again below, or answered UNKNOWN.
      }
    }
    return Liveness.UNKNOWN;
  }

  /**
   * The nodes in id order ("n2" before "n10"), not in the order their containers happened to
   * start: they start in parallel, and a seed's nemesis schedule picks targets from this list.
   */
  @Override
  public synchronized List<String> nodes() {
    return specs.keySet().stream()
        .sorted(java.util.Comparator.comparingInt(String::length).thenComparing(java.util.Comparator.naturalOrder()))
        .toList();
  }

  @Override
  public synchronized NodeSpec spec(String node) {
    return specs.get(node);
  }

  /** The Docker container id of a node, for tests and logs. */
  public synchronized String containerId(String node) {
    GenericContainer<?> c = containers.get(node);
    if (c == null) {
      throw new IllegalArgumentException("unknown node " + node);
    }
    return c.getContainerId();
  }

  /** The container's state; the call runs with the interrupt flag cleared (see {@link Uninterruptibly#call}). */
  private ContainerState state(String id) {
    return Uninterruptibly.call(() -> docker.inspectContainerCmd(id).exec().getState());
  }

  /** The node's container id, marked as one this runtime is about to kill or stop (see {@link #restart}). */
  private synchronized String markDying(String node) {
    String id = containerId(node);
    dying.add(node);
    return id;
  }

  private void awaitStopped(String node, String id) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      try {
        if (!Boolean.TRUE.equals(state(id).getRunning())) {
          return;
        }
      } catch (RuntimeException e) {
        throw new IOException("node " + node + ": docker inspect failed: " + e.getMessage(), e);
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("node " + node + " (container " + id + ") did not stop");
      }
      Uninterruptibly.sleep(20);
    }
  }

  private interface DockerCall {
    void run();
  }

  /** Runs a Docker call to its end whatever the interrupt flag says (see {@link Uninterruptibly#call}). */
  private static void call(String node, String what, DockerCall call) throws IOException {
    try {
      Uninterruptibly.call(() -> {
        call.run();
        return null;
      });
    } catch (RuntimeException e) { // DockerException, or the transport's unchecked I/O failures
      throw new IOException("docker " + what + " of node " + node + " failed: " + e.getMessage(), e);
    }
  }

  /** Copies a container's whole output (every run since creation) into its node.log. */
  private void saveLog(String node, String id) {
    Path log = nodesDir.resolve(node).resolve("node.log");
    try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTailAll()
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              try {
                out.write(frame.getPayload());
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
          }).awaitCompletion(20, TimeUnit.SECONDS);
    } catch (IOException | RuntimeException e) {
      // The log is a courtesy; removing the container matters more.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void removeAll() {
    Map<String, GenericContainer<?>> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new LinkedHashMap<>(containers);
    }
    for (GenericContainer<?> c : all.values()) {
      terminate(c.getContainerId());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_GRACE_SECONDS);
    for (Map.Entry<String, GenericContainer<?>> e : all.entrySet()) {
      String id = e.getValue().getContainerId();
      awaitExit(id, deadline);
      saveLog(e.getKey(), id);
      try {
        docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      } catch (RuntimeException ex) {
        // Already gone.
      }
    }
  }

  /** Resumes the container if paused and sends its node SIGTERM; removal below forces whatever fails here. */
  private void terminate(String id) {
    try {
      Uninterruptibly.call(() -> {
        if (state(id).getPaused()) {
          docker.unpauseContainerCmd(id).exec();
        }
        if (state(id).getRunning()) {
          docker.killContainerCmd(id).withSignal("TERM").exec();
        }
        return null;
      });
    } catch (RuntimeException e) {
      // Removed by force below.
    }
  }

  /** Waits until the container has stopped or the deadline passes; never throws. */
  private void awaitExit(String id, long deadlineNanos) {
    while (System.nanoTime() < deadlineNanos) {
      try {
        if (!Boolean.TRUE.equals(state(id).getRunning())) {
          return;
        }
      } catch (RuntimeException e) {
        return;
      }
      Uninterruptibly.sleep(50);
    }
  }

  @Override
  public void close() {
    removeAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down.
    }
  }
}
