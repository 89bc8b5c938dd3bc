package io.faultline.sut;

import io.faultline.runtime.NodeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts the bundled KV node: {@code java [small-JVM flags] -jar kv-node.jar --id --client-listen
 * --peer-listen --peers --data-dir --lifeline stdin} plus the run's extra flags ({@code --protocol
 * raft ...}). {@code --lifeline stdin}: the node exits when its standard input ends, which the
 * local runtime makes a pipe it holds, so the node dies with the harness however the harness dies.
 */
public final class KvNodeLauncher implements NodeLauncher {
  private final Path nodeJar;
  private final List<String> nodeArgs;

  public KvNodeLauncher(Path nodeJar, List<String> nodeArgs) {
    this.nodeJar = nodeJar;
    this.nodeArgs = List.copyOf(nodeArgs);
  }

  public Path nodeJar() {
    return nodeJar;
  }

  @Override
  public List<String> command(NodeSpec spec, Path dataDir) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Five JVMs share two cores with the harness: keep each one small and quick to start.
    cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
    cmd.addAll(List.of("-jar", nodeJar.toString()));
    cmd.addAll(List.of("--id", spec.id()));
    cmd.addAll(List.of("--client-listen", spec.client().toString()));
    cmd.addAll(List.of("--peer-listen", spec.peer().toString()));
    cmd.addAll(List.of("--peers", spec.peers().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .sorted()
        .collect(Collectors.joining(","))));
    cmd.addAll(List.of("--data-dir", dataDir.toString()));
    cmd.addAll(List.of("--lifeline", "stdin"));
    cmd.addAll(nodeArgs);
    return cmd;
  }
}
