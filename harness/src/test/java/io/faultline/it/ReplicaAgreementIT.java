package io.faultline.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.client.NodeAdmin;
import io.faultline.net.Grudge;
import io.faultline.net.ToxiproxyNet;
import io.faultline.run.Cluster;
import io.faultline.run.EmbeddedToxiproxy;
import io.faultline.run.NodeStatusSampler;
import io.faultline.run.ReplicaAgreement;
import io.faultline.runtime.LocalRuntime;
import io.faultline.runtime.NodeSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * replica-agreement on real node processes: three Raft and three Multi-Paxos nodes under
 * partitions report digest checkpoints and agree at every index two of them reported; three
 * naive nodes split by a partition and written on both sides are caught disagreeing at index 16.
 */
class ReplicaAgreementIT {

  @ParameterizedTest
  @ValueSource(strings = {"raft", "paxos"})
  void consensusReplicasReportDigestsAndAgree(String system) throws Exception {
    Path results = ItSupport.resultsDir("replicas-" + system);
    ItSupport.CliRun run = ItSupport.cli("test", "--system", system, "--nodes", "3", "--nemesis", "partition",
        "--nemesis-interval", "3", "--time-limit", "12", "--rate", "100", "--seed", "7", "--recovery", "2",
        "--results-dir", results.toString());
    assertThat(run.exitCode()).as(run.out()).isEqualTo(0);

    Path runDir = results.resolve("latest").toRealPath();
    Map<?, ?> checkers = (Map<?, ?>) ItSupport.json(runDir.resolve("results.json")).get("checkers");
    Map<?, ?> agreement = (Map<?, ?>) checkers.get(ReplicaAgreement.NAME);
    assertThat(agreement).as("results.json: %s", checkers).isNotNull();
    assertThat(agreement.get("valid")).isEqualTo(true);
    assertThat(agreement.get("nodes-reporting")).isEqualTo(List.of("n1", "n2", "n3"));
    assertThat(((Number) agreement.get("indices-compared")).intValue()).as("%s", agreement).isGreaterThanOrEqualTo(3);
    List<String> lines = Files.readAllLines(runDir.resolve("node-status.jsonl"));
    for (String n : List.of("n1", "n2", "n3")) {
      assertThat(lines).anyMatch(l -> l.contains("\"node\":\"" + n + "\"") && l.contains("\"appliedDigests\":[{\"index\":"));
    }
    assertThat(Files.readString(runDir.resolve("index.html"))).contains(ReplicaAgreement.NAME);
  }

  @Test
  void naiveReplicasWrittenOnBothSidesOfAPartitionDisagree() throws Exception {
    Path dir = ItSupport.resultsDir("replicas-naive").resolve("run-" + System.nanoTime());
    NodeAdmin admin = new NodeAdmin(2_000);
    try (EmbeddedToxiproxy proxy = EmbeddedToxiproxy.start();
        LocalRuntime runtime = new LocalRuntime(ItSupport.nodeJar(), dir.resolve("nodes"), List.of("--protocol", "naive"))) {
      ToxiproxyNet net = Cluster.start(Cluster.nodeIds(3), runtime, proxy);
      Cluster.awaitUp(runtime, admin, 90_000, System::currentTimeMillis, ReplicaAgreementIT::sleep);
      net.partition(Grudge.components(List.of(List.of("n1"), List.of("n2", "n3"))));
      for (int i = 1; i <= 16; i++) {
        put(runtime.spec("n1").client(), "a", i); // n1 alone applies these
        put(runtime.spec("n2").client(), "b", i); // n2, and n3 through the link left, apply these
      }
      awaitApplied(admin, runtime.spec("n3").client(), 16);

      Path samples = dir.resolve("node-status.jsonl");
      long t0 = System.nanoTime();
      NodeStatusSampler sampler = new NodeStatusSampler(samples, runtime.nodes(),
          node -> admin.status(runtime.spec(node).client()), () -> System.nanoTime() - t0, ReplicaAgreementIT::sleep, 100)
          .start();
      sleep(1_000);
      sampler.close();

      CheckResult r = ReplicaAgreement.check(samples).orElseThrow();
      assertThat(r.verdict()).as("%s", r.details()).isEqualTo(Verdict.INVALID);
      assertThat(r.details()).containsEntry("first-diverged-index", 16L);
      Map<?, ?> a = (Map<?, ?>) ((List<?>) r.details().get("anomalies")).get(0);
      List<Object> classes = ((List<?>) a.get("digests")).stream().map(d -> (Object) ((Map<?, ?>) d).get("nodes")).toList();
      assertThat(classes).containsExactlyInAnyOrder(List.of("n1"), List.of("n2", "n3"));
    }
  }

  private static void put(NodeSpec.Address node, String key, int value) throws Exception {
    HttpRequest put = HttpRequest.newBuilder(URI.create("http://" + node + "/kv/" + key))
        .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofString("{\"value\":" + value + "}")).build();
    assertThat(HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  /** Waits (bounded) until the node has applied {@code index} commands: pushes to peers are asynchronous. */
  private static void awaitApplied(NodeAdmin admin, NodeSpec.Address node, long index) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      Object applied = admin.status(node).map(s -> s.get("appliedIndex")).orElse(null);
      if (applied instanceof Number n && n.longValue() >= index) {
        return;
      }
      sleep(50);
    }
    throw new AssertionError(node + " did not apply " + index + " commands within 30 s");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
