package io.faultline.node;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything a node is told at start, immutable. Built by {@link NodeFlags} from the command line
 * or directly by tests.
 *
 * @param id this node's id (e.g. {@code n1})
 * @param protocol {@code raft}, {@code paxos} or {@code naive} (see {@link Protocols})
 * @param clientListen where the HTTP client API listens
 * @param peerListen where peer connections are accepted (receive only)
 * @param peers the address at which THIS node reaches every OTHER node (send only; the harness
 *     points these at proxies). Never contains {@link #id}: a self entry on the command line is
 *     dropped. Iteration order is the order given.
 * @param dataDir this node's data folder (created if missing)
 * @param readMode how reads are served
 * @param bugs names of deliberate bugs switched on (validated against the protocol's list)
 * @param tuning timing and size knobs
 * @param seed seed for the protocol's randomness (election jitter, back-off)
 */
public record NodeConfig(
    String id,
    String protocol,
    HostPort clientListen,
    HostPort peerListen,
    Map<String, HostPort> peers,
    Path dataDir,
    ReadMode readMode,
    Set<String> bugs,
    Tuning tuning,
    long seed) {

  public NodeConfig {
    if (id == null || !id.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("node id must be letters, digits, '_', '.', '-': " + id);
    }
    LinkedHashMap<String, HostPort> others = new LinkedHashMap<>(peers);
    others.remove(id);
    peers = Collections.unmodifiableMap(others);
    bugs = Set.copyOf(bugs);
  }

  /** All node ids of the cluster, this one included, sorted. */
  public SortedSet<String> members() {
    TreeSet<String> all = new TreeSet<>(peers.keySet());
    all.add(id);
    return Collections.unmodifiableSortedSet(all);
  }

  /** Number of nodes needed for a majority of {@link #members()}. */
  public int quorum() {
    return members().size() / 2 + 1;
  }

  public boolean hasBug(String name) {
    return bugs.contains(name);
  }
}
