package io.faultline.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.faultline.net.ToxiproxyNet;
import io.faultline.runtime.ClusterRuntime;
import io.faultline.runtime.FreePorts;
import io.faultline.runtime.NodeSpec;
import io.faultline.runtime.NodeSpec.Address;
import io.faultline.runtime.reaper.Reaper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.testcontainers.containers.Network;

/**
 * A whole cluster in Docker: images built if missing ({@link LocalImages}), one private network,
 * a Toxiproxy container with one proxy per directed link {@code ni->nj} (listening in that
 * container on its own port, forwarding to {@code nj}'s peer port by alias), and one container per
 * node whose {@code --peers nj=toxiproxy:<port>} — so peers reach each other only through the
 * proxies. The harness drives the proxies with the same {@link ToxiproxyNet} as locally and reaches
 * each node at {@code runtime().spec(n).client()}. Closing removes every container and the network.
 *
 * <p>Everything a cluster creates carries the labels {@link #RUN_LABEL} (an id of its own) and
 * {@link #NODES_DIR_LABEL}, and a {@link Reaper} started before anything else is told the first: if
 * the harness dies without closing the cluster (SIGKILL), the reaper removes every container and
 * network with exactly that label, Toxiproxy's included, and nothing of any other run. Testcontainers'
 * own reaper (Ryuk) cannot do it here: its image cannot be pulled (docs/docker-offline.md).
 */
public final class DockerCluster implements AutoCloseable {
  /** Java flags for node JVMs: several share two cores with the harness. */
  static final List<String> NODE_JAVA_OPTS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
  /**
   * No DNS caching in the proxy: a killed node's container may come back with another node's old
   * IP (Docker assigns addresses at start), so each upstream connection must resolve the alias anew.
   */
  static final List<String> TOXIPROXY_JAVA_OPTS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
      "-Dsun.net.inetaddr.ttl=0", "-Dsun.net.inetaddr.negative.ttl=0");
  private static final int FIRST_LINK_PORT = 20_000;
  /** Label on every container and network of a cluster: the cluster's own id. */
  public static final String RUN_LABEL = "io.faultline.run";
  /** Label on every container and network of a cluster: its nodes folder, for people and tests. */
  public static final String NODES_DIR_LABEL = "io.faultline.nodes-dir";

  private final Network network;
  private final ToxiproxyContainer toxiproxy;
  private final DockerRuntime runtime;
  private final ToxiproxyNet net;
  private final Path nodesDir;
  private final Reaper reaper;

  private DockerCluster(Network network, ToxiproxyContainer toxiproxy, DockerRuntime runtime, ToxiproxyNet net,
      Path nodesDir, Reaper reaper) {
    this.network = network;
    this.toxiproxy = toxiproxy;
    this.runtime = runtime;
    this.net = net;
    this.nodesDir = nodesDir;
    this.reaper = reaper;
  }

  /** What to run: the node program, the harness jar (for our Toxiproxy image) and the images' base. */
  public record Images(Path nodeJar, Path faultlineJar, String baseImage) {}

  /**
   * Builds missing images, then starts the network, Toxiproxy, the links and every node (in
   * parallel). Does not wait for the nodes to answer: that is the runner's {@code awaitUp}.
   */
  public static DockerCluster start(List<String> ids, Images images, List<String> nodeArgs, Path nodesDir,
      PrintStream progress) throws IOException, InterruptedException {
    DockerClient docker = DockerAccess.client();
    ImageTags tags = ensureImages(docker, images, progress);
    String nodeImage = tags.node();
    String toxiImage = tags.toxiproxy();
    Files.createDirectories(nodesDir);
    List<NodeSpec> specs = specs(ids);
    Map<String, String> labels = Map.of(RUN_LABEL, UUID.randomUUID().toString(),
        NODES_DIR_LABEL, nodesDir.toAbsolutePath().toString());
    Reaper reaper = Reaper.start(nodesDir);
    reaper.watchDocker(RUN_LABEL, labels.get(RUN_LABEL)); // before anything it must remove exists
    Network network;
    try {
      network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(labels)).build();
      network.getId(); // created now, before several threads attach containers to it
    } catch (RuntimeException e) {
      reaper.close();
      throw new IOException("cannot create the cluster's Docker network: " + e.getMessage(), e);
    }
    ToxiproxyContainer toxiproxy = null;
    DockerRuntime runtime = new DockerRuntime(docker, network, nodeImage, nodesDir, nodeArgs, labels);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(specs.size(), 5));
    List<Future<?>> started = new ArrayList<>();
    try {
      // Nodes start while the proxy does: a node retries peers it cannot reach yet, and the
      // proxy's JVM start-up is otherwise the longest serial step before the first operation.
      for (NodeSpec spec : specs) {
        started.add(pool.submit(() -> {
          runtime.start(spec);
          return null;
        }));
      }
      toxiproxy = ToxiproxyContainer.start(toxiImage, network, labels);
      ToxiproxyNet net = new ToxiproxyNet(new ToxiproxyClient(toxiproxy.host(), toxiproxy.port()));
      for (NodeSpec spec : specs) {
        for (Map.Entry<String, Address> peer : spec.peers().entrySet()) {
          if (!peer.getKey().equals(spec.id())) {
            net.createLink(spec.id(), peer.getKey(), "0.0.0.0:" + peer.getValue().port(),
                peer.getKey() + ":" + DockerRuntime.PEER_PORT);
          }
        }
      }
      awaitAll(started);
      return new DockerCluster(network, toxiproxy, runtime, net, nodesDir, reaper);
    } catch (IOException | RuntimeException | InterruptedException e) {
      try {
        awaitAll(started); // every container is known to the runtime before it removes them
      } catch (IOException | RuntimeException | InterruptedException ignored) {
        // The first failure is the one to report.
      }
      runtime.close();
      if (toxiproxy != null) {
        toxiproxy.close();
      }
      network.close();
      reaper.close(); // it removes whatever the closes above left
      throw e;
    } finally {
      pool.shutdown();
    }
  }

  /** Node {@code ni} reaches {@code nj} at {@code toxiproxy:<port of link ni->nj>}, itself directly. */
  static List<NodeSpec> specs(List<String> ids) {
    List<NodeSpec> specs = new ArrayList<>();
    int linkPort = FIRST_LINK_PORT;
    for (String from : ids) {
      Map<String, Address> peers = new LinkedHashMap<>();
      for (String to : ids) {
        peers.put(to, from.equals(to) ? new Address(to, DockerRuntime.PEER_PORT)
            : new Address(ToxiproxyContainer.ALIAS, linkPort++));
      }
      specs.add(new NodeSpec(from, new Address("127.0.0.1", FreePorts.next()),
          new Address(from, DockerRuntime.PEER_PORT), peers));
    }
    return specs;
  }

  /** The images a cluster runs. */
  record ImageTags(String node, String toxiproxy) {}

  /** Builds the node and Toxiproxy images unless their tags exist (Shopify's Toxiproxy wins if present). */
  static ImageTags ensureImages(DockerClient docker, Images images, PrintStream progress)
      throws IOException, InterruptedException {
    LocalImages local = new LocalImages(docker, images.baseImage());
    try {
      long t0 = System.nanoTime();
      String node = local.ensure("faultline/kv-node", images.nodeJar(), NODE_JAVA_OPTS, List.of());
      String toxiproxy = local.shopifyToxiproxy().isPresent() ? local.shopifyToxiproxy().get()
          : local.ensure("faultline/toxiproxy", images.faultlineJar(), TOXIPROXY_JAVA_OPTS,
              List.of("toxiproxy", "--host", "0.0.0.0", "--port", Integer.toString(ToxiproxyContainer.API_PORT)));
      progress.printf("faultline: docker images %s, %s (%.1f s)%n", node, toxiproxy, (System.nanoTime() - t0) / 1e9);
      return new ImageTags(node, toxiproxy);
    } finally {
      local.cleanUp();
    }
  }

  private static void awaitAll(List<Future<?>> started) throws IOException, InterruptedException {
    for (Future<?> f : started) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
      }
    }
  }

  public ClusterRuntime runtime() {
    return runtime;
  }

  public DockerRuntime dockerRuntime() {
    return runtime;
  }

  public ToxiproxyNet net() {
    return net;
  }

  @Override
  public void close() {
    runtime.close();
    try {
      Files.writeString(nodesDir.resolve("toxiproxy.log"), toxiproxy.logs());
    } catch (IOException e) {
      // The proxy's log is a courtesy.
    }
    toxiproxy.close();
    network.close();
    reaper.close(); // it finds nothing left, unless a removal above failed
  }
}
