package io.faultline.sut;

import io.faultline.client.KeepAliveHttp;
import io.faultline.client.KvOpClient;
import io.faultline.client.NodeAdmin;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A system the harness can test (DESIGN.md, last paragraph): how to start its nodes, how clients
 * talk to it, and how to tell that a node is up. The bundled KV node is {@link #kvNode}; a user's
 * own system supplies its own three parts, typically a {@link CommandTemplate}.
 *
 * @param name shown in reports and used in the run folder's name
 */
public record SystemUnderTest(String name, NodeLauncher launcher, ClientMapping clients, ReadinessProbe readiness) {

  public SystemUnderTest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(readiness, "readiness");
  }

  /**
   * The bundled KV node ({@code java -jar kv-node.jar}) with the given extra flags, spoken to over
   * its {@code /kv} HTTP API, ready once {@code GET /admin/status} answers.
   */
  public static SystemUnderTest kvNode(String protocol, Path nodeJar, List<String> nodeArgs) {
    NodeAdmin admin = new NodeAdmin(2_000);
    return new SystemUnderTest(protocol, new KvNodeLauncher(nodeJar, nodeArgs),
        (kind, node, timeoutMillis, harnessBug) ->
            new KvOpClient(kind, new KeepAliveHttp(node.host(), node.port(), timeoutMillis), harnessBug),
        node -> admin.status(node).isPresent());
  }
}
