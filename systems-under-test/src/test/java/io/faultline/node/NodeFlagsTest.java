package io.faultline.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeFlagsTest {
  private static final String[] BASE = {
    "--id", "n1", "--protocol", "naive", "--client-listen", "127.0.0.1:7001",
    "--peer-listen", "127.0.0.1:7101", "--peers", "n1=127.0.0.1:9001,n2=127.0.0.1:9002,n3=localhost:9003",
    "--data-dir", "/tmp/n1"
  };

  private static String[] with(String... extra) {
    List<String> all = new ArrayList<>(Arrays.asList(BASE));
    all.addAll(Arrays.asList(extra));
    return all.toArray(String[]::new);
  }

  private static NodeConfig parse(String... args) throws UsageException {
    return ((NodeFlags.Run) NodeFlags.parse(args, () -> 42L)).config();
  }

  @Test
  void parsesEveryFlagAndDropsTheSelfPeerEntry() throws Exception {
    NodeConfig c = parse(with("--read-mode", "lease", "--seed", "7", "--election-ms=900", "--tick-ms", "5"));
    assertThat(c.id()).isEqualTo("n1");
    assertThat(c.protocol()).isEqualTo("naive");
    assertThat(c.clientListen()).isEqualTo(new HostPort("127.0.0.1", 7001));
    assertThat(c.peerListen().port()).isEqualTo(7101);
    assertThat(c.peers()).containsOnlyKeys("n2", "n3");
    assertThat(c.peers().get("n3")).isEqualTo(new HostPort("localhost", 9003));
    assertThat(c.members()).containsExactly("n1", "n2", "n3");
    assertThat(c.quorum()).isEqualTo(2);
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/n1"));
    assertThat(c.readMode()).isEqualTo(ReadMode.LEASE);
    assertThat(c.seed()).isEqualTo(7);
    assertThat(c.tuning().electionTimeoutMs()).isEqualTo(900);
    assertThat(c.tuning().tickMs()).isEqualTo(5);
    assertThat(c.tuning().heartbeatMs()).isEqualTo(Tuning.defaults().heartbeatMs());
  }

  @Test
  void defaultsReadModeIndexAndSeedFromTheSupplier() throws Exception {
    NodeConfig c = parse(BASE);
    assertThat(c.readMode()).isEqualTo(ReadMode.INDEX);
    assertThat(c.seed()).isEqualTo(42L);
    assertThat(c.bugs()).isEmpty();
  }

  @Test
  void lifelineDefaultsToNoneAndAcceptsStdin() throws Exception {
    assertThat(((NodeFlags.Run) NodeFlags.parse(BASE, () -> 0)).lifeline()).isEqualTo(Lifeline.NONE);
    assertThat(((NodeFlags.Run) NodeFlags.parse(with("--lifeline", "stdin"), () -> 0)).lifeline())
        .isEqualTo(Lifeline.STDIN);
    assertThatThrownBy(() -> parse(with("--lifeline", "parent")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--lifeline: unknown lifeline 'parent'; allowed: none, stdin");
    assertThat(NodeFlags.usage()).contains("--lifeline stdin|none");
  }

  @Test
  void helpIsRecognisedAnywhere() throws Exception {
    assertThat(NodeFlags.parse(with("--help"), () -> 0)).isInstanceOf(NodeFlags.Help.class);
  }

  @Test
  void checkValidatesEveryFlagAndStartsNothing() throws Exception {
    assertThat(NodeFlags.parse(with("--check"), () -> 0)).isInstanceOf(NodeFlags.Check.class);
    assertThatThrownBy(() -> NodeFlags.parse(with("--check", "--bug", "nosuchbug"), () -> 0))
        .isInstanceOf(UsageException.class).hasMessageContaining("--bug: unknown bug 'nosuchbug' for protocol naive");
  }

  @Test
  void usageNamesEveryProtocolReadModeAndBug() {
    String usage = NodeFlags.usage();
    for (Protocols.ProtocolSpec p : Protocols.ALL) {
      assertThat(usage).contains(p.name() + ": ");
      p.bugs().forEach(b -> assertThat(usage).contains("--bug " + b.name()));
    }
    assertThat(usage).contains("index, lease, local");
  }

  @Test
  void badValuesNameTheFlagAndTheAllowedValues() {
    assertThatThrownBy(() -> parse(with("--read-mode", "fast")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--read-mode: unknown read mode 'fast'; allowed: index, lease, local");
    String[] badProtocol = BASE.clone();
    badProtocol[3] = "zab";
    assertThatThrownBy(() -> parse(badProtocol))
        .hasMessage("--protocol: unknown protocol 'zab'; allowed: raft, paxos, naive");
    assertThatThrownBy(() -> parse(with("--bug", "skip-fsync")))
        .hasMessage("--bug: unknown bug 'skip-fsync' for protocol naive; allowed: none");
    assertThatThrownBy(() -> parse(with("--tick-ms", "soon")))
        .hasMessage("--tick-ms: expected an integer, got 'soon'");
    assertThatThrownBy(() -> parse(with("--tick-ms", "0")))
        .hasMessage("--tick-ms must be positive, was 0");
    String[] badPeers = BASE.clone();
    badPeers[9] = "n2";
    assertThatThrownBy(() -> parse(badPeers))
        .hasMessage("--peers: expected ID=HOST:PORT, got 'n2'");
    badPeers[9] = "n2=h:1,n2=h:2";
    assertThatThrownBy(() -> parse(badPeers)).hasMessage("--peers: node 'n2' listed twice");
    assertThatThrownBy(() -> parse(with("--id", "n9")))
        .hasMessage("--id given more than once");
    assertThatThrownBy(() -> parse(with("--frobnicate", "1")))
        .hasMessage("unknown flag --frobnicate (see --help)");
    assertThatThrownBy(() -> parse(with("--seed")))
        .hasMessage("--seed needs a value");
    assertThatThrownBy(() -> parse("--id", "n1"))
        .hasMessage("--protocol is required (see --help)");
  }

  @Test
  void badAddressesNameTheFlag() {
    String[] bad = BASE.clone();
    bad[5] = "127.0.0.1";
    assertThatThrownBy(() -> parse(bad))
        .hasMessage("--client-listen: expected HOST:PORT, got '127.0.0.1'");
    bad[5] = "127.0.0.1:99999";
    assertThatThrownBy(() -> parse(bad))
        .hasMessage("--client-listen: port 99999 is out of range 0..65535");
  }
}
