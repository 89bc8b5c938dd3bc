package io.faultline.examples.etcd;

import io.faultline.client.KeepAliveHttp;
import io.faultline.client.HttpResponse;
import io.faultline.runtime.FreePorts;
import io.faultline.runtime.NodeSpec;
import io.faultline.runtime.NodeSpec.Address;
import io.faultline.sut.NodeLauncher;
import io.faultline.sut.SystemUnderTest;
import io.faultline.workload.ClientKind;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * etcd as a Faultline {@link SystemUnderTest}: members started as local {@code etcd} processes
 * whose peer traffic runs through the harness's per-link proxies, driven through the v3 JSON
 * gateway by {@link EtcdClient}, ready when {@code GET /health} says {@code "true"} (a leader exists).
 *
 * <p>Routing peers through proxies: each member's advertised peer URL is {@code
 * http://localhost.:<name-port>}, where the name-port is a free port reserved as that member's name
 * and never listened on. {@code localhost.} resolves to 127.0.0.1 (so etcd's start-up checks pass)
 * but, unlike {@code localhost}, is not exempt from {@code HTTP_PROXY}; each member's {@code
 * HTTP_PROXY} is its own {@link SenderProxy}, which sends a request for member {@code nj}'s
 * name-port to the harness link {@code ni->nj}. One instance serves one test run; close it after.
 */
public final class EtcdCluster implements AutoCloseable {
  /** How soon a cut link stops etcd's long-lived raft streams too (see {@link SenderProxy}). */
  static final java.time.Duration MAX_CONNECTION_AGE = java.time.Duration.ofSeconds(1);

  private final Path etcd;
  private final String token;
  private boolean serializableReads;
  private final Map<String, Integer> namePorts = new TreeMap<>();
  private final Map<String, SenderProxy> senders = new LinkedHashMap<>();

  private EtcdCluster(Path etcd, String token) {
    this.etcd = etcd;
    this.token = token;
  }

  /**
   * @param etcd the etcd program ({@link #findEtcd()})
   * @param token the initial cluster token, unique per run so members never join an older cluster
   */
  public static EtcdCluster using(Path etcd, String token) {
    return new EtcdCluster(etcd, token);
  }

  /** {@code -Detcd.binary}, else {@code etcd} on the PATH; a one-line error saying how to install it. */
  public static Path findEtcd() {
    String configured = System.getProperty("etcd.binary");
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException("-Detcd.binary=" + configured + ": not an executable file");
      }
      return p;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "etcd");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException("etcd not found on PATH (install it: apt-get install etcd-server,"
        + " or pass -Detcd.binary=/path/to/etcd)");
  }

  /**
   * Positive control: reads with {@code serializable: true}, which etcd serves from the member's own
   * state without asking the leader (documented as possibly stale). Under partitions Faultline must
   * find them not linearizable; if it cannot, the partitions are not reaching etcd.
   */
  public EtcdCluster serializableReads() {
    this.serializableReads = true;
    return this;
  }

  /** The system under test; its launcher starts this cluster's members. */
  public SystemUnderTest system() {
    return new SystemUnderTest("etcd", new Launcher(), (kind, node, timeoutMillis, harnessBug) -> {
      if (kind != ClientKind.REGISTER) {
        throw new IllegalArgumentException("the etcd example maps register workloads only, not " + kind);
      }
      return new EtcdClient(new KeepAliveHttp(node.host(), node.port(), timeoutMillis), serializableReads, harnessBug);
    }, EtcdCluster::healthy);
  }

  /** {@code GET /health} answers {@code {"health":"true"}} only while the member sees a leader. */
  static boolean healthy(Address node) {
    try (KeepAliveHttp http = new KeepAliveHttp(node.host(), node.port(), 2_000)) {
      HttpResponse r = http.exchange("GET", "/health", null);
      return r.status() == 200 && r.bodyText().replace(" ", "").contains("\"health\":\"true\"");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private final class Launcher implements NodeLauncher {
    @Override
    public List<String> command(NodeSpec spec, Path dataDir) {
      String initialCluster = namePorts(spec).entrySet().stream()
          .map(e -> e.getKey() + "=" + nameUrl(e.getValue()))
          .collect(Collectors.joining(","));
      List<String> cmd = new ArrayList<>(List.of(etcd.toString(),
          "--name", spec.id(),
          "--data-dir", dataDir.toString(),
          "--listen-client-urls", "http://" + spec.client(),
          "--advertise-client-urls", "http://" + spec.client(),
          "--listen-peer-urls", "http://" + spec.peer(),
          "--initial-advertise-peer-urls", nameUrl(namePorts(spec).get(spec.id())),
          "--initial-cluster", initialCluster,
          "--initial-cluster-state", "new",
          "--initial-cluster-token", token,
          // etcd's defaults (100 ms / 1 s) on a loaded two-core box; fsync stays on (no --unsafe-no-fsync).
          "--heartbeat-interval", "100",
          "--election-timeout", "1000",
          "--logger", "zap",
          "--log-outputs", "stderr"));
      return cmd;
    }

    @Override
    public Map<String, String> environment(NodeSpec spec) {
      int port = sender(spec).port();
      Map<String, String> env = new LinkedHashMap<>();
      for (String name : List.of("HTTP_PROXY", "http_proxy")) {
        env.put(name, "http://127.0.0.1:" + port);
      }
      for (String name : List.of("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")) {
        env.put(name, "");
      }
      return env;
    }
  }

  private static String nameUrl(int port) {
    return "http://localhost.:" + port;
  }

  /** Name-ports for every member of the cluster, reserved once. */
  private synchronized Map<String, Integer> namePorts(NodeSpec spec) {
    for (String id : spec.peers().keySet()) {
      namePorts.computeIfAbsent(id, k -> FreePorts.next());
    }
    return namePorts;
  }

  /** The member's forward proxy, made on its first start and kept across restarts. */
  private synchronized SenderProxy sender(NodeSpec spec) {
    Map<String, Integer> ports = namePorts(spec);
    return senders.computeIfAbsent(spec.id(), id -> {
      Map<Integer, InetSocketAddress> upstream = new LinkedHashMap<>();
      spec.peers().forEach((peer, a) -> upstream.put(ports.get(peer), new InetSocketAddress(a.host(), a.port())));
      try {
        return new SenderProxy(id, upstream, MAX_CONNECTION_AGE, msg -> System.err.println("etcd example: " + msg));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the peer proxy of " + id, e);
      }
    });
  }

  /** The port of a member's forward proxy, for tests. */
  synchronized Optional<Integer> senderPort(String id) {
    return Optional.ofNullable(senders.get(id)).map(SenderProxy::port);
  }

  @Override
  public synchronized void close() {
    senders.values().forEach(SenderProxy::close);
    senders.clear();
  }
}
