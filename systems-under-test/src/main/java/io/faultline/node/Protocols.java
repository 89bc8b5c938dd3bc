package io.faultline.node;

import io.faultline.node.clock.NodeClock;
import io.faultline.node.consensus.Consensus;
import io.faultline.node.consensus.StateMachine;
import io.faultline.node.naive.NaiveConsensus;
import io.faultline.node.transport.PeerTransport;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The registry of replication protocols the node can run: name → description, deliberate bugs,
 * and a factory. {@code --help} and flag validation read this list, so a protocol adds its bugs
 * here and nowhere else.
 *
 * <p>Wiring a protocol in is ONE line in {@link #ALL}. The protocol must provide
 * <ul>
 *   <li>a constructor (or static factory) with the signature of {@link Factory#create}:
 *       {@code (NodeConfig config, StateMachine stateMachine, PeerTransport transport,
 *       NodeClock clock) throws IOException} — e.g.
 *       {@code public RaftConsensus(NodeConfig, StateMachine, PeerTransport, NodeClock)}. The
 *       constructor must not start threads or open sockets; {@link Consensus#start()} does. The
 *       transport is not yet started: the protocol calls {@code transport.start(receiver)} in
 *       its own {@code start()} and {@code transport.close()} in its {@code close()};
 *   <li>a {@code List<BugSpec>} of its deliberate bugs (e.g. a {@code public static final
 *       List<BugSpec> BUGS} on the class).
 * </ul>
 * For example: {@code new ProtocolSpec("raft", "...", RaftConsensus.BUGS, RaftConsensus::new)}.
 *
 * <p>Logging: create a {@code new NodeLog(config.id(), clock, System.out)} and log one line per
 * event worth knowing (role changes, recovery, errors).
 *
 * <p>The state machine is the node's {@link io.faultline.node.kv.KvStateMachine}; the data folder
 * ({@link NodeConfig#dataDir()}) belongs to the protocol except for files the shell names
 * {@code shell-*}.
 */
public final class Protocols {
  private Protocols() {}

  /** Builds a protocol instance for one node. */
  @FunctionalInterface
  public interface Factory {
    Consensus create(
        NodeConfig config, StateMachine stateMachine, PeerTransport transport, NodeClock clock)
        throws IOException;
  }

  /** One protocol: its flag name, a one-line description, its bugs and its factory. */
  public record ProtocolSpec(
      String name, String description, List<BugSpec> bugs, Factory factory) {
    public ProtocolSpec {
      bugs = List.copyOf(bugs);
    }
  }

  /** Every protocol, in {@code --help} order. */
  public static final List<ProtocolSpec> ALL =
      List.of(
          new ProtocolSpec("raft", io.faultline.node.raft.RaftConsensus.DESCRIPTION, io.faultline.node.raft.RaftConsensus.BUGS, io.faultline.node.raft.RaftConsensus::new),
          new ProtocolSpec("paxos", io.faultline.node.paxos.PaxosConsensus.DESCRIPTION, io.faultline.node.paxos.PaxosConsensus.BUGS, io.faultline.node.paxos.PaxosConsensus::new),
          new ProtocolSpec("naive", NaiveConsensus.DESCRIPTION, NaiveConsensus.BUGS, NaiveConsensus::new));

  public static Optional<ProtocolSpec> find(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public static String names() {
    return String.join(", ", ALL.stream().map(ProtocolSpec::name).toList());
  }

  private static Factory unavailable(String name) {
    return (config, stateMachine, transport, clock) -> {
      throw new IOException("protocol " + name + " is not available in this build");
    };
  }
}
