package io.faultline.runtime.docker;

import io.faultline.client.NodeAdmin;
import io.faultline.run.Cluster;
import io.faultline.run.ClusterLauncher;
import io.faultline.run.EmbeddedToxiproxy;
import io.faultline.runtime.ClusterRuntime;
import io.faultline.runtime.NodeSpec.Address;
import io.faultline.sut.SystemUnderTest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Benchmark: time from "start the cluster" to the first acknowledged operation, for the local and
 * the Docker runtime (warm image cache: the first Docker run builds images if needed and is
 * reported apart). Per run it prints: cluster started (containers/processes up), all nodes answer
 * {@code /admin/status}, first {@code PUT} acknowledged (a leader exists and a majority wrote it).
 *
 * <p>Run: {@code TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
 * TESTCONTAINERS_CHECKS_DISABLE=true java -cp harness/target/faultline.jar
 * io.faultline.runtime.docker.TimeToFirstOpBench local|docker NODES RUNS}
 */
public final class TimeToFirstOpBench {
  private TimeToFirstOpBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 || !List.of("local", "docker").contains(args[0])) {
      System.err.println("usage: TimeToFirstOpBench local|docker NODES RUNS");
      System.exit(3);
    }
    String runtime = args[0];
    int nodes = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    Path root = Path.of(System.getProperty("faultline.root", ".")).toAbsolutePath().normalize();
    Path nodeJar = root.resolve("systems-under-test/target/kv-node.jar");
    PrintStream out = System.out;
    if (runtime.equals("docker")) {
      long t0 = System.nanoTime();
      DockerCluster.Images images = new DockerCluster.Images(nodeJar, DockerLauncher.faultlineJar(), null);
      DockerCluster.ensureImages(DockerAccess.client(), images, new PrintStream(PrintStream.nullOutputStream()));
      out.printf("docker: images ready in %.1f s (built only if missing)%n", (System.nanoTime() - t0) / 1e9);
      for (int i = 1; i <= runs; i++) {
        Path dir = Files.createTempDirectory("faultline-ttfo");
        long start = System.nanoTime();
        try (DockerCluster c = DockerCluster.start(Cluster.nodeIds(nodes), images, List.of("--protocol", "raft"),
            dir.resolve("nodes"), new PrintStream(PrintStream.nullOutputStream()))) {
          report(out, "docker", i, start, c.runtime());
        }
      }
    } else {
      SystemUnderTest kv = SystemUnderTest.kvNode("raft", nodeJar, List.of("--protocol", "raft"));
      for (int i = 1; i <= runs; i++) {
        Path dir = Files.createTempDirectory("faultline-ttfo");
        long start = System.nanoTime();
        try (ClusterLauncher.Launched c = ClusterLauncher.local(EmbeddedToxiproxy::start)
            .launch(Cluster.nodeIds(nodes), kv, null, dir.resolve("nodes"))) {
          report(out, "local", i, start, c.runtime());
        }
      }
    }
  }

  private static void report(PrintStream out, String runtime, int run, long start, ClusterRuntime cluster)
      throws IOException, InterruptedException {
    double started = (System.nanoTime() - start) / 1e9;
    Cluster.awaitUp(cluster, new NodeAdmin(1_000), 120_000, System::currentTimeMillis, TimeToFirstOpBench::sleep);
    double up = (System.nanoTime() - start) / 1e9;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Address n1 = cluster.spec(cluster.nodes().get(0)).client();
    HttpRequest put = HttpRequest.newBuilder(URI.create("http://" + n1 + "/kv/ttfo"))
        .timeout(Duration.ofSeconds(2)).PUT(HttpRequest.BodyPublishers.ofString("{\"value\":1}")).build();
    while (true) {
      try {
        if (http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        // Not yet: no leader, or a timeout while one is elected.
      }
      sleep(50);
    }
    double firstOk = (System.nanoTime() - start) / 1e9;
    out.printf("%s run %d, %d nodes: started %.1f s, all up %.1f s, first ok write %.1f s%n", runtime, run,
        cluster.nodes().size(), started, up, firstOk);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
