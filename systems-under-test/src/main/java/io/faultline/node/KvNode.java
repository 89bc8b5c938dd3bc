package io.faultline.node;

import io.faultline.http.NioHttpServer;
import io.faultline.http.ServerLimits;
import io.faultline.node.clock.NodeClock;
import io.faultline.node.consensus.Consensus;
import io.faultline.node.consensus.DigestingStateMachine;
import io.faultline.node.http.KvHttpServer;
import io.faultline.node.kv.KvStateMachine;
import io.faultline.node.kv.RequestIds;
import io.faultline.node.storage.AtomicFile;
import io.faultline.node.transport.TcpPeerTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One running node: state machine, peer transport, protocol and HTTP API wired together from a
 * {@link NodeConfig}. {@link KvNodeMain} runs one per process; tests may run one in-process.
 *
 * <p>The shell owns the files {@code shell-*} in the data folder: {@code shell-incarnation}
 * counts starts so request ids stay unique across restarts.
 */
public final class KvNode implements AutoCloseable {
  private static final int PEER_QUEUE_FRAMES = 10_000;

  private final Consensus consensus;
  private final KvHttpServer http;
  private final NodeLog log;

  private KvNode(Consensus consensus, KvHttpServer http, NodeLog log) {
    this.consensus = consensus;
    this.http = http;
    this.log = log;
  }

  /** Starts a node; on failure nothing is left running. */
  public static KvNode start(NodeConfig config, NodeClock clock, PrintStream out) throws IOException {
    NodeLog log = new NodeLog(config.id(), clock, out);
    Files.createDirectories(config.dataDir());
    long incarnation = nextIncarnation(config.dataDir().resolve("shell-incarnation"));
    Protocols.ProtocolSpec spec =
        Protocols.find(config.protocol())
            .orElseThrow(() -> new IllegalArgumentException("unknown protocol " + config.protocol()));
    DigestingStateMachine stateMachine = new DigestingStateMachine(new KvStateMachine());
    TcpPeerTransport transport =
        new TcpPeerTransport(
            config.id(), config.peerListen(), config.peers(), config.tuning().maxFrameBytes(), PEER_QUEUE_FRAMES, log);
    Consensus consensus = spec.factory().create(config, stateMachine, transport, clock);
    KvHttpServer http = null;
    try {
      consensus.start();
      http =
          new KvHttpServer(
              config.clientListen(),
              config.id(),
              config.protocol(),
              consensus,
              clock,
              new RequestIds(config.id(), incarnation),
              httpLimits(config.tuning()),
              config.tuning().requestTimeoutMs(),
              log,
              java.util.Optional.of(stateMachine));
      http.start();
    } catch (IOException | RuntimeException e) {
      if (http != null) {
        http.close();
      }
      consensus.close();
      throw e;
    }
    log.info("started protocol=" + config.protocol() + " incarnation=" + incarnation
        + " client=" + config.clientListen() + " peer=" + config.peerListen()
        + " peers=" + config.peers() + " read-mode=" + config.readMode().flagName()
        + " bugs=" + config.bugs() + " data=" + config.dataDir());
    return new KvNode(consensus, http, log);
  }

  private static ServerLimits httpLimits(Tuning tuning) {
    return KvHttpServer.DEFAULT_LIMITS
        .withMaxBodyBytes(tuning.maxRequestBytes())
        .withMaxConnections(tuning.maxConnections())
        .withReadTimeout(Duration.ofMillis(tuning.httpReadTimeoutMs()))
        .withIdleTimeout(Duration.ofMillis(tuning.httpIdleTimeoutMs()));
  }

  private static long nextIncarnation(Path file) throws IOException {
    long previous = AtomicFile.read(file).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
    long next = previous + 1;
    AtomicFile.write(file, ByteBuffer.allocate(8).putLong(next).array());
    return next;
  }

  /** The HTTP port actually bound (useful when configured with port 0). */
  public int clientPort() {
    return http.port();
  }

  /** The client API's HTTP server, whose counters say how it treated slow clients. */
  public NioHttpServer httpServer() {
    return http.http();
  }

  public Consensus consensus() {
    return consensus;
  }

  @Override
  public void close() {
    log.info("stopping");
    http.close();
    consensus.close();
  }
}
