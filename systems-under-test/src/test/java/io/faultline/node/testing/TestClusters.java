package io.faultline.node.testing;

import io.faultline.node.cluster.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts real node-process clusters for integration tests (Failsafe, after {@code package} has
 * built {@code systems-under-test/target/kv-node.jar}). Works for any protocol:
 *
 * <pre>{@code
 * try (LocalCluster cluster = TestClusters.start("raft", 5, tempDir, "--read-mode", "index")) {
 *   String leader = cluster.awaitLeader(Duration.ofSeconds(20));
 *   cluster.kill("n2");            // SIGKILL
 *   cluster.start("n2");           // same ports, same data folder
 *   try (NodeClient c = cluster.client(leader, 5_000)) { c.put("k", ...); }
 * }
 * }</pre>
 * Node logs are in {@code baseDir/<id>/node.log}; print them when a test fails.
 */
public final class TestClusters {
  private TestClusters() {}

  /** The node jar: {@code <faultline.root>/systems-under-test/target/kv-node.jar}. */
  public static Path nodeJar() {
    String root = System.getProperty("faultline.root");
    Path jar = root != null
        ? Path.of(root, "systems-under-test", "target", "kv-node.jar")
        : Path.of("target", "kv-node.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("kv-node.jar not built at " + jar.toAbsolutePath() + "; run mvn -pl systems-under-test package");
    }
    return jar;
  }

  /** JVM options that favour quick start-up over peak speed (tests, not benchmarks). */
  public static List<String> testJvmArgs() {
    return List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
  }

  /** Creates and starts {@code nodes} nodes, waiting until each answers {@code /admin/status}. */
  public static LocalCluster start(String protocol, int nodes, Path baseDir, String... nodeArgs) {
    LocalCluster cluster = new LocalCluster(nodeJar(), protocol, nodes, baseDir, List.of(nodeArgs), testJvmArgs());
    try {
      cluster.startAll();
      for (String id : cluster.ids()) {
        cluster.awaitServing(id, Duration.ofSeconds(30));
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The last {@code lines} lines of every node log, for failure messages. */
  public static String logs(LocalCluster cluster, int lines) {
    StringBuilder s = new StringBuilder();
    for (String id : cluster.ids()) {
      s.append("--- ").append(id).append(" (").append(cluster.logFile(id)).append(")\n");
      try {
        List<String> all = Files.readAllLines(cluster.logFile(id));
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> s.append(l).append('\n'));
      } catch (java.io.IOException e) {
        s.append("(no log: ").append(e.getMessage()).append(")\n");
      }
    }
    return s.toString();
  }
}
