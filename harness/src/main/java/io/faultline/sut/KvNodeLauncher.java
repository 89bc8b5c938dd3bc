package io.faultline.sut;

import io.faultline.runtime.NodeSpec;
import io.faultline.runtime.Uninterruptibly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  /**
   * Asks the node program itself ({@code --check}: parse every flag, start nothing) whether it
   * accepts the run's flags, so a bad {@code --bug} or {@code --read-mode} is refused before a run
   * folder is made or a node launched. The harness does not link the node, so it cannot know the
   * node's bugs any other way.
   */
  @Override
  public void validate() throws IOException {
    List<String> cmd = new ArrayList<>(jvm());
    cmd.addAll(List.of("--check", "--id", "n1", "--client-listen", "127.0.0.1:1", "--peer-listen", "127.0.0.1:2",
        "--peers", "n1=127.0.0.1:2", "--data-dir", "unused"));
    cmd.addAll(nodeArgs);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!Uninterruptibly.waitFor(p, 60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("the node program did not answer --check within 60 s: " + nodeJar);
    }
    if (p.exitValue() == 2) {
      throw new IllegalArgumentException(out.lines().reduce((a, b) -> b).orElse(out).replaceFirst("^kv-node: ", ""));
    }
    if (p.exitValue() != 0) {
      throw new IOException("the node program failed its flag check (exit " + p.exitValue() + "): " + out);
    }
  }

  @Override
  public List<String> command(NodeSpec spec, Path dataDir) {
    List<String> cmd = new ArrayList<>(jvm());
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

  /** {@code java [flags] -jar kv-node.jar}. */
  private List<String> jvm() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Five JVMs share two cores with the harness: keep each one small and quick to start.
    cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
    cmd.addAll(List.of("-jar", nodeJar.toString()));
    return cmd;
  }
}
