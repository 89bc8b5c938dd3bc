package io.faultline.run;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.faultline.client.NodeAdmin;
import io.faultline.net.ToxiproxyNet;
import io.faultline.runtime.ClusterRuntime;
import io.faultline.runtime.FreePorts;
import io.faultline.runtime.NodeSpec;
import io.faultline.runtime.NodeSpec.Address;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Sets up a cluster on 127.0.0.1: free ports for every node, one proxy per directed peer link
 * {@code ni->nj} (so node {@code ni}'s {@code --peers nj=} is the proxy), then every node started
 * and waited for until it answers {@code /admin/status}.
 */
public final class Cluster {
  private static final String HOST = "127.0.0.1";

  private Cluster() {}

  /** Node ids {@code n1..nN}. */
  public static List<String> nodeIds(int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      ids.add("n" + i);
    }
    return ids;
  }

  /** Creates proxies and starts the nodes; returns the network adapter over the proxies. */
  public static ToxiproxyNet start(List<String> ids, ClusterRuntime runtime, ToxiproxyEndpoint proxies)
      throws IOException {
    Map<String, Address> client = new LinkedHashMap<>();
    Map<String, Address> peer = new LinkedHashMap<>();
    for (String id : ids) {
      client.put(id, new Address(HOST, FreePorts.next()));
      peer.put(id, new Address(HOST, FreePorts.next()));
    }
    ToxiproxyNet net = new ToxiproxyNet(new ToxiproxyClient(proxies.host(), proxies.port()));
    for (String from : ids) {
      Map<String, Address> peers = new LinkedHashMap<>();
      for (String to : ids) {
        if (from.equals(to)) {
          peers.put(to, peer.get(to));
          continue;
        }
        // An explicit port, not :0: a kernel-chosen port could be one just reserved for a node.
        String listen = net.createLink(from, to, HOST + ":" + FreePorts.next(), peer.get(to).toString());
        peers.put(to, Address.parse(listen));
      }
      runtime.start(new NodeSpec(from, client.get(from), peer.get(from), peers));
    }
    return net;
  }

  /**
   * Waits until every node answers {@code GET /admin/status}.
   *
   * @throws IOException naming the first node that did not answer in time and where its log is
   */
  public static void awaitUp(ClusterRuntime runtime, NodeAdmin admin, long timeoutMillis, LongSupplier millis,
      LongConsumer sleep) throws IOException {
    awaitUp(runtime, admin, timeoutMillis, millis, sleep, null);
  }

  /** As above; {@code nodesDir} (may be null) is where node logs are, to quote why a node exited. */
  public static void awaitUp(ClusterRuntime runtime, NodeAdmin admin, long timeoutMillis, LongSupplier millis,
      LongConsumer sleep, java.nio.file.Path nodesDir) throws IOException {
    awaitUp(runtime, node -> admin.status(node).isPresent(), timeoutMillis, millis, sleep, nodesDir);
  }

  /** As above, with the system's own readiness probe instead of {@code /admin/status}. */
  public static void awaitUp(ClusterRuntime runtime, io.faultline.sut.ReadinessProbe ready, long timeoutMillis,
      LongSupplier millis, LongConsumer sleep, java.nio.file.Path nodesDir) throws IOException {
    long deadline = millis.getAsLong() + timeoutMillis;
    for (String node : runtime.nodes()) {
      while (!ready.ready(runtime.spec(node).client())) {
        if (runtime.liveness(node) == io.faultline.runtime.Liveness.EXITED) {
          throw new IOException("node " + node + " exited during start-up" + lastLine(nodesDir, node)
              + " (see nodes/" + node + "/node.log)");
        }
        if (millis.getAsLong() > deadline) {
          throw new IOException("node " + node + " did not answer /admin/status within "
              + timeoutMillis / 1000 + " s (see nodes/" + node + "/node.log)");
        }
        sleep.accept(100);
      }
    }
  }

  private static String lastLine(java.nio.file.Path nodesDir, String node) {
    String line = lastLogLine(nodesDir, node);
    return line.isEmpty() ? "" : ": " + line;
  }

  /** The last line a node logged (skipping blank and {@code #} lines), or "" if none. */
  /**
   * The last {@code ERROR} line among the last {@value #ERROR_LOOKBACK_LINES} lines of a node's
   * log, or empty: a node that halts on a fatal error may still log a line or two (links closing)
   * after saying why, and the why is what the report should show.
   */
  public static String lastErrorLine(java.nio.file.Path nodesDir, String node) {
    if (nodesDir == null) {
      return "";
    }
    try {
      List<String> lines = java.nio.file.Files.readAllLines(nodesDir.resolve(node).resolve("node.log"));
      for (int i = lines.size() - 1; i >= Math.max(0, lines.size() - ERROR_LOOKBACK_LINES); i--) {
        if (lines.get(i).contains(" ERROR ")) {
          return lines.get(i).strip();
        }
      }
    } catch (IOException e) {
      // No log to quote.
    }
    return "";
  }

  private static final int ERROR_LOOKBACK_LINES = 20;

  public static String lastLogLine(java.nio.file.Path nodesDir, String node) {
    if (nodesDir == null) {
      return "";
    }
    try {
      List<String> lines = java.nio.file.Files.readAllLines(nodesDir.resolve(node).resolve("node.log"));
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank() && !lines.get(i).startsWith("# ")) {
          return lines.get(i).strip();
        }
      }
    } catch (IOException e) {
      // No log to quote.
    }
    return "";
  }
}
