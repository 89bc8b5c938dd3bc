package io.faultline.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.runtime.NodeSpec;
import io.faultline.runtime.NodeSpec.Address;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Command templates: every placeholder, the peers list through per-link proxies, and one-line errors. */
class CommandTemplateTest {
  private static final NodeSpec N2 = new NodeSpec("n2", new Address("127.0.0.1", 2379), new Address("127.0.0.1", 2380),
      Map.of("n1", new Address("127.0.0.1", 40001), "n2", new Address("127.0.0.1", 2380),
          "n3", new Address("127.0.0.1", 40003)));

  @Test
  void fillsEveryPlaceholderPerNode() {
    CommandTemplate t = CommandTemplate.of("mydb", "--name={id}", "--dir", "{data-dir}", "--listen",
            "http://{client-host}:{client-port}", "--peer", "{peer}", "--peer-port", "{peer-port}",
            "--join", "{peers}", "--seed", "{peer-addr:n3}")
        .peersAs("{peer-id}=http://{peer-addr}", ";")
        .env("MYDB_ID", "{id}@{client}");
    assertThat(t.command(N2, Path.of("/d/n2"))).containsExactly("mydb", "--name=n2", "--dir", "/d/n2", "--listen",
        "http://127.0.0.1:2379", "--peer", "127.0.0.1:2380", "--peer-port", "2380", "--join",
        "n1=http://127.0.0.1:40001;n2=http://127.0.0.1:2380;n3=http://127.0.0.1:40003", "--seed",
        "127.0.0.1:40003");
    assertThat(t.environment(N2)).isEqualTo(Map.of("MYDB_ID", "n2@127.0.0.1:2379"));
  }

  @Test
  void kvNodeIsOneImplementation() {
    List<String> cmd = new KvNodeLauncher(Path.of("kv.jar"), List.of("--protocol", "raft")).command(N2, Path.of("d"));
    assertThat(cmd).containsSequence("-jar", "kv.jar", "--id", "n2", "--client-listen", "127.0.0.1:2379",
        "--peer-listen", "127.0.0.1:2380", "--peers", "n1=127.0.0.1:40001,n2=127.0.0.1:2380,n3=127.0.0.1:40003",
        "--data-dir", "d", "--lifeline", "stdin", "--protocol", "raft");
  }

  @Test
  void badTemplatesAreOneLineErrorsNamingTheArgument() {
    assertThatThrownBy(() -> CommandTemplate.of("db", "--x={nmae}")).hasMessageStartingWith(
        "command template argument 2 '--x={nmae}': unknown placeholder {nmae} (known: id, data-dir,");
    assertThatThrownBy(() -> CommandTemplate.of("db", "{peer-addr}"))
        .hasMessage("command template argument 2 '{peer-addr}': {peer-addr:ID} needs a node id");
    assertThatThrownBy(() -> CommandTemplate.of("db", "{peer-addr:n9}").command(N2, Path.of("d")))
        .hasMessage("{peer-addr:n9}: no node n9 in this cluster [n1, n2, n3]");
    assertThatThrownBy(CommandTemplate::of).hasMessage("command template: empty command line");
  }
}
