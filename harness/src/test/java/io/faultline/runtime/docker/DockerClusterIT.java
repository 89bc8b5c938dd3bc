package io.faultline.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.client.NodeAdmin;
import io.faultline.net.Grudge;
import io.faultline.run.Cluster;
import io.faultline.runtime.Liveness;
import io.faultline.runtime.NodeSpec.Address;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 3-node Raft cluster in containers, driven directly through {@link DockerCluster}: a write is
 * replicated through the Toxiproxy container, a partition cuts the links through the same
 * ToxiproxyNet as locally, a killed node is really dead (its port refuses) and after a restart is
 * reachable at the same address with its data, a paused node stops answering until resumed, and
 * closing writes every node's log.
 */
class DockerClusterIT {
  private static final NodeAdmin ADMIN = new NodeAdmin(1_000);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @Test
  void raftClusterSurvivesPartitionKillPauseAndRestart() throws Exception {
    DockerSupport.dockerOrSkip();
    Path nodes = Files.createTempDirectory(DockerSupport.resultsDir("cluster"), "run").resolve("nodes");
    List<String> ids = Cluster.nodeIds(3);
    try (DockerCluster cluster = DockerCluster.start(ids, DockerSupport.images(), List.of("--protocol", "raft"),
        nodes, System.out)) {
      var runtime = cluster.runtime();
      Cluster.awaitUp(runtime, ADMIN, 60_000, System::currentTimeMillis, DockerClusterIT::sleep, nodes);
      assertThat(runtime.nodes()).containsExactly("n1", "n2", "n3");
      assertThat(runtime.spec("n1").client().host()).isEqualTo("127.0.0.1");

      // A write succeeds only if a majority got it, over the peer links through the proxy container.
      awaitOk(() -> put(runtime.spec("n1").client(), "k", 1), "first write");
      awaitOk(() -> get(runtime.spec("n3").client(), "k").contains("1"), "read of the first write on n3");

      // Partition: n1 alone cannot hear anyone; the majority side still accepts writes.
      cluster.net().partition(Grudge.components(List.of(List.of("n1"), List.of("n2", "n3"))));
      assertThat(cluster.net().cutLinks()).contains("n1-to-n2", "n2-to-n1", "n3-to-n1").doesNotContain("n2-to-n3");
      awaitOk(() -> put(runtime.spec("n2").client(), "k", 2), "write on the majority side");
      cluster.net().heal();
      assertThat(cluster.net().cutLinks()).isEmpty();

      // Kill: the container really dies; restart keeps its address and its data.
      Address n2 = runtime.spec("n2").client();
      runtime.kill("n2");
      assertThat(runtime.liveness("n2")).isEqualTo(Liveness.EXITED);
      assertThatThrownBy(() -> get(n2, "k")).isInstanceOf(IOException.class);
      runtime.restart("n2");
      assertThat(runtime.spec("n2").client()).isEqualTo(n2);
      awaitOk(() -> ADMIN.status(n2).isPresent(), "n2 answering after restart");
      awaitOk(() -> get(n2, "k").contains("2"), "n2 serving the value written before its kill");
      assertThat(Files.list(nodes.resolve("n2").resolve("data"))).isNotEmpty();

      // Pause: alive but silent until resumed.
      Address n3 = runtime.spec("n3").client();
      runtime.pause("n3");
      assertThat(runtime.liveness("n3")).isEqualTo(Liveness.RUNNING);
      assertThat(ADMIN.status(n3)).isEmpty();
      runtime.resume("n3");
      awaitOk(() -> ADMIN.status(n3).isPresent(), "n3 answering after resume");

      // Killing a paused node works too (Docker refuses that unless the runtime resumes it first).
      runtime.pause("n3");
      runtime.kill("n3");
      assertThat(runtime.liveness("n3")).isEqualTo(Liveness.EXITED);

      // An interrupt decides nothing (a run's end interrupts nothing now, but a caller may): with
      // the flag set a status call still answers, a kill still kills, a restart still starts, and
      // the flag is still set afterwards. docker-java fails at once when the flag is set, which
      // once read as "not running" and reported live nodes as crashed.
      Thread.currentThread().interrupt();
      try {
        assertThat(runtime.liveness("n1")).isEqualTo(Liveness.RUNNING);
        runtime.kill("n1");
        assertThat(runtime.liveness("n1")).isEqualTo(Liveness.EXITED);
        runtime.restart("n1");
        assertThat(runtime.liveness("n1")).isEqualTo(Liveness.RUNNING);
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag kept").isTrue();
      } finally {
        Thread.interrupted();
      }
    }
    for (String n : ids) {
      assertThat(Files.readString(nodes.resolve(n).resolve("node.log"))).startsWith("# docker: faultline/kv-node:");
    }
    assertThat(Files.readString(nodes.resolve("n2").resolve("node.log")).lines().count()).isGreaterThan(2);
    for (String n : List.of("n1", "n2")) {
      // Closing stopped the running containers with SIGTERM: each node closed its log, which cuts
      // the preallocated zeros (a megabyte of them; a record ends with a few at most). n3 was
      // SIGKILLed last and never restarted: a killed node keeps its preallocated step, by design.
      byte[] log = Files.readAllBytes(nodes.resolve(n).resolve("data/raft-log"));
      int end = log.length;
      while (end > 0 && log[end - 1] == 0) {
        end--;
      }
      assertThat(log.length - end).as(n + "'s raft-log ends in a preallocated tail").isLessThan(4096);
      assertThat(end).as(n + "'s raft-log has entries").isPositive();
    }
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void awaitOk(Check check, String what) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    Exception last = null;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (check.ok()) {
          return;
        }
      } catch (IOException e) {
        last = e;
      }
      sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what + (last == null ? "" : ": " + last));
  }

  private boolean put(Address node, String key, int value) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + node + "/kv/" + key))
        .timeout(Duration.ofSeconds(2))
        .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":" + value + "}")).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
  }

  private String get(Address node, String key) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + node + "/kv/" + key))
        .timeout(Duration.ofSeconds(2)).GET().build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? r.body() : "";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
