package io.faultline.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.node.cluster.FreePorts;
import io.faultline.node.storage.RecordLog;
import io.faultline.node.testing.TestClusters;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged program's command-line contract: exit codes and one-line errors. */
class KvNodeMainIT {
  @TempDir Path dir;

  private record Run(int exit, String stdout, String stderr) {}

  private Run run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-jar", TestClusters.nodeJar().toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("node did not exit: " + command);
    }
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** A running node whose standard input is a pipe this test holds; stdout collected as it comes. */
  private record Started(Process process, StringBuffer stdout, java.util.concurrent.CountDownLatch serving,
      Thread reader) {}

  private Started start(String dataDir, String... extra) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-jar", TestClusters.nodeJar().toString()));
    List<Integer> ports = FreePorts.allocate(2);
    command.addAll(List.of("--id", "n1", "--protocol", "naive", "--client-listen", "127.0.0.1:" + ports.get(0),
        "--peer-listen", "127.0.0.1:" + ports.get(1), "--data-dir", dir.resolve(dataDir).toString()));
    command.addAll(List.of(extra));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuffer out = new StringBuffer();
    java.util.concurrent.CountDownLatch serving = new java.util.concurrent.CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          out.append(line).append('\n');
          if (line.contains(" INFO started ")) {
            serving.countDown();
          }
        }
      } catch (java.io.IOException e) {
        // The process is gone.
      }
    });
    reader.setDaemon(true);
    reader.start();
    return new Started(p, out, serving, reader);
  }

  @Test
  void withLifelineStdinTheNodeStopsCleanlyWhenItsStandardInputEnds() throws Exception {
    Started lifeline = start("lifeline", "--lifeline", "stdin");
    Started plain = start("plain");
    try {
      assertThat(lifeline.serving().await(60, TimeUnit.SECONDS)).as("started: " + lifeline.stdout()).isTrue();
      assertThat(plain.serving().await(60, TimeUnit.SECONDS)).as("started: " + plain.stdout()).isTrue();
      // What the parent's death does to the pipe: its end is closed.
      plain.process().getOutputStream().close();
      lifeline.process().getOutputStream().close();
      assertThat(lifeline.process().waitFor(30, TimeUnit.SECONDS)).as("exited: " + lifeline.stdout()).isTrue();
      assertThat(lifeline.process().exitValue()).isZero();
      lifeline.reader().join(10_000); // everything it printed
      assertThat(lifeline.stdout().toString()).contains("lifeline: standard input ended", "INFO stopping");
      // Without the flag the end of standard input means nothing: a node started by hand keeps running.
      assertThat(plain.process().isAlive()).as("node without --lifeline: " + plain.stdout()).isTrue();
    } finally {
      lifeline.process().destroyForcibly();
      plain.process().destroyForcibly();
    }
  }

  private String[] nodeArgs(String protocol) {
    List<Integer> ports = FreePorts.allocate(2);
    return new String[] {"--id", "n1", "--protocol", protocol, "--client-listen", "127.0.0.1:" + ports.get(0),
        "--peer-listen", "127.0.0.1:" + ports.get(1), "--data-dir", dir.resolve("data").toString()};
  }

  @Test
  void helpListsProtocolsAndExitsZero() throws Exception {
    Run r = run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).contains("raft:", "paxos:", "naive:", "index, lease, local");
  }

  @Test
  void aBadFlagIsOneLineAndExitTwo() throws Exception {
    Run r = run("--id", "n1", "--protocol", "zab");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr().strip()).isEqualTo("kv-node: --protocol: unknown protocol 'zab'; allowed: raft, paxos, naive");
  }

  @Test
  void aPortInUseIsOneLineAndExitOne() throws Exception {
    String[] args = nodeArgs("naive");
    int clientPort = Integer.parseInt(args[5].substring(args[5].indexOf(':') + 1));
    try (java.net.ServerSocket taken = new java.net.ServerSocket(clientPort, 1, java.net.InetAddress.getLoopbackAddress())) {
      Run r = run(args);
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.stderr().strip()).startsWith("kv-node: cannot listen on 127.0.0.1:" + clientPort)
          .doesNotContain("\n");
    }
  }

  @Test
  void corruptDataStopsTheNodeWithFileAndOffset() throws Exception {
    Path log = dir.resolve("data").resolve("naive-log");
    try (RecordLog records = RecordLog.open(log, (o, p) -> {})) {
      records.append("first".getBytes(StandardCharsets.UTF_8));
      records.append("second".getBytes(StandardCharsets.UTF_8));
      records.sync();
    }
    try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "rw")) {
      raf.seek(RecordLog.HEADER_BYTES);
      raf.write('X');
    }
    Run r = run(nodeArgs("naive"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stderr().strip()).startsWith("kv-node: cannot start: ").contains(log.toString(), "offset 0")
        .doesNotContain("\n").doesNotContain("Exception");
  }
}
