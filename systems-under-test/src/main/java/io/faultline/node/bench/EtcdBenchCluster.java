package io.faultline.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.node.cluster.FreePorts;
import io.faultline.node.cluster.HttpReply;
import io.faultline.node.cluster.NodeClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The anchor of {@link KvBench}: an N-member etcd cluster (the {@code etcd} binary on the PATH,
 * Debian's etcd-server 3.4), fsync on, on loopback, driven through its JSON gateway with the same
 * client and load as our nodes. Measuring etcd in the same minute as our protocols on the same
 * disk makes the comparison fair; a figure taken on another day says little, as fsync latency on
 * this box varies several-fold from hour to hour.
 */
final class EtcdBenchCluster implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final Map<String, Integer> clientPorts = new TreeMap<>();

  EtcdBenchCluster(int members, Path dir) throws IOException {
    List<Integer> ports = FreePorts.allocate(2 * members);
    StringBuilder initial = new StringBuilder();
    for (int i = 0; i < members; i++) {
      initial.append(i == 0 ? "" : ",").append("e").append(i + 1).append("=http://127.0.0.1:").append(ports.get(2 * i + 1));
    }
    for (int i = 0; i < members; i++) {
      String name = "e" + (i + 1);
      int client = ports.get(2 * i);
      int peer = ports.get(2 * i + 1);
      Path data = Files.createDirectories(dir.resolve(name));
      List<String> cmd = List.of("etcd", "--name", name, "--data-dir", data.resolve("data").toString(),
          "--listen-client-urls", "http://127.0.0.1:" + client, "--advertise-client-urls", "http://127.0.0.1:" + client,
          "--listen-peer-urls", "http://127.0.0.1:" + peer, "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer,
          "--initial-cluster", initial.toString(), "--initial-cluster-state", "new",
          "--initial-cluster-token", "kv-bench", "--log-outputs", "stderr");
      try {
        processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile()).start());
      } catch (IOException e) {
        close();
        throw new IOException("cannot start etcd (install Debian's etcd-server): " + e.getMessage(), e);
      }
      clientPorts.put(name, client);
    }
  }

  /** The member that leads, once every member reports the same leader. */
  String awaitLeader(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, String> idToName = new TreeMap<>();
      String leaderId = null;
      boolean agreed = true;
      for (Map.Entry<String, Integer> m : clientPorts.entrySet()) {
        try (NodeClient c = client(m.getKey(), 2_000)) {
          HttpReply r = c.raw("POST", "/v3/maintenance/status", "{}".getBytes(StandardCharsets.UTF_8));
          String member = r.body().path("header").path("member_id").asText();
          String leader = r.body().path("leader").asText();
          idToName.put(member, m.getKey());
          agreed &= r.ok() && !leader.isEmpty() && (leaderId == null || leaderId.equals(leader));
          leaderId = leader;
        } catch (IOException e) {
          agreed = false;
        }
      }
      if (agreed && idToName.containsKey(leaderId)) {
        return idToName.get(leaderId);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("etcd elected no leader within " + timeout);
  }

  NodeClient client(String member, int timeoutMs) {
    return new NodeClient("127.0.0.1", clientPorts.get(member), timeoutMs);
  }

  /** {@code PUT} through the gateway: key and value base64-encoded, as etcd's JSON API wants. */
  static HttpReply put(NodeClient client, String key, JsonNode value) throws IOException {
    String body = "{\"key\":\"" + b64(key) + "\",\"value\":\"" + b64(value.toString()) + "\"}";
    return client.raw("POST", "/v3/kv/put", body.getBytes(StandardCharsets.UTF_8));
  }

  /** A linearizable range read of one key (etcd's default, {@code serializable} false). */
  static HttpReply get(NodeClient client, String key) throws IOException {
    String body = "{\"key\":\"" + b64(key) + "\"}";
    return client.raw("POST", "/v3/kv/range", body.getBytes(StandardCharsets.UTF_8));
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

}
