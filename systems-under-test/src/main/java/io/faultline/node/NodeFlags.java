package io.faultline.node;

import io.faultline.node.Protocols.ProtocolSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Parses the node's command line into a {@link NodeConfig}. Accepts {@code --flag value} and
 * {@code --flag=value}. Every error is a {@link UsageException} whose message is one line naming
 * the flag and what it allows; {@link #usage()} is the {@code --help} text and lists every
 * protocol, read mode and bug from {@link Protocols}.
 */
public final class NodeFlags {
  private NodeFlags() {}

  /** The outcome of parsing: either help was asked for, or a config. */
  public sealed interface Parsed {}

  public record Help() implements Parsed {}

  /** A node to run with {@code config}, ended by signals and by {@code lifeline}. */
  public record Run(NodeConfig config, Lifeline lifeline) implements Parsed {}

  /** {@code --check}: the flags are valid; start nothing (the harness asks before a run). */
  public record Check(NodeConfig config) implements Parsed {}

  private static final Set<String> VALUE_FLAGS =
      Set.of(
          "id", "protocol", "client-listen", "peer-listen", "peers", "data-dir", "read-mode",
          "bug", "seed", "tick-ms", "heartbeat-ms", "election-ms", "request-timeout-ms",
          "max-request-bytes", "max-frame-bytes", "snapshot-every", "http-read-timeout-ms",
          "http-idle-timeout-ms", "max-connections", "lifeline");

  /**
   * Parses {@code args}. {@code defaultSeed} is consulted only when {@code --seed} is absent (the
   * outermost shell passes a time-based source; tests pass a constant).
   */
  public static Parsed parse(String[] args, LongSupplier defaultSeed) throws UsageException {
    Map<String, String> single = new LinkedHashMap<>();
    List<String> bugArgs = new ArrayList<>();
    boolean check = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Help();
      }
      if (arg.equals("--check")) {
        check = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "' (flags start with --; see --help)");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else {
        if (!VALUE_FLAGS.contains(name)) {
          throw unknown(name);
        }
        if (i + 1 >= args.length) {
          throw new UsageException("--" + name + " needs a value");
        }
        value = args[++i];
      }
      if (!VALUE_FLAGS.contains(name)) {
        throw unknown(name);
      }
      if (name.equals("bug")) {
        bugArgs.add(value);
      } else if (single.put(name, value) != null) {
        throw new UsageException("--" + name + " given more than once");
      }
    }
    Lifeline lifeline;
    try {
      lifeline = Lifeline.parse(single.getOrDefault("lifeline", Lifeline.NONE.flagName()));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--lifeline: " + e.getMessage());
    }
    NodeConfig config = build(single, bugArgs, defaultSeed);
    return check ? new Check(config) : new Run(config, lifeline);
  }

  private static NodeConfig build(Map<String, String> f, List<String> bugArgs, LongSupplier seed)
      throws UsageException {
    String id = required(f, "id");
    if (!id.matches("[A-Za-z0-9_.-]+")) {
      throw new UsageException("--id must be letters, digits, '_', '.', '-', got '" + id + "'");
    }
    String protocolName = required(f, "protocol");
    ProtocolSpec protocol =
        Protocols.find(protocolName)
            .orElseThrow(
                () -> new UsageException(
                    "--protocol: unknown protocol '" + protocolName + "'; allowed: " + Protocols.names()));
    HostPort client = hostPort("client-listen", required(f, "client-listen"));
    HostPort peer = hostPort("peer-listen", required(f, "peer-listen"));
    Map<String, HostPort> peers = peers(f.getOrDefault("peers", ""));
    Path dataDir = Path.of(required(f, "data-dir"));
    ReadMode readMode;
    try {
      readMode = ReadMode.parse(f.getOrDefault("read-mode", "index"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--read-mode: " + e.getMessage());
    }
    Set<String> bugs = bugs(protocol, bugArgs);
    Tuning d = Tuning.defaults();
    Tuning tuning;
    try {
      tuning =
          new Tuning(
              integer(f, "tick-ms", d.tickMs()),
              integer(f, "heartbeat-ms", d.heartbeatMs()),
              integer(f, "election-ms", d.electionTimeoutMs()),
              integer(f, "request-timeout-ms", d.requestTimeoutMs()),
              integer(f, "max-request-bytes", d.maxRequestBytes()),
              integer(f, "max-frame-bytes", d.maxFrameBytes()),
              integer(f, "snapshot-every", d.snapshotEvery()),
              integer(f, "http-read-timeout-ms", d.httpReadTimeoutMs()),
              integer(f, "http-idle-timeout-ms", d.httpIdleTimeoutMs()),
              integer(f, "max-connections", d.maxConnections()));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    long seedValue = f.containsKey("seed") ? longValue("seed", f.get("seed")) : seed.getAsLong();
    return new NodeConfig(id, protocolName, client, peer, peers, dataDir, readMode, bugs, tuning, seedValue);
  }

  private static Set<String> bugs(ProtocolSpec protocol, List<String> bugArgs) throws UsageException {
    Set<String> bugs = new LinkedHashSet<>();
    for (String arg : bugArgs) {
      for (String name : arg.split(",")) {
        String bug = name.trim();
        if (bug.isEmpty()) {
          continue;
        }
        if (protocol.bugs().stream().noneMatch(b -> b.name().equals(bug))) {
          String allowed = protocol.bugs().isEmpty()
              ? "none"
              : String.join(", ", protocol.bugs().stream().map(BugSpec::name).toList());
          throw new UsageException(
              "--bug: unknown bug '" + bug + "' for protocol " + protocol.name() + "; allowed: " + allowed);
        }
        bugs.add(bug);
      }
    }
    return bugs;
  }

  private static Map<String, HostPort> peers(String text) throws UsageException {
    Map<String, HostPort> peers = new LinkedHashMap<>();
    if (text.isBlank()) {
      return peers;
    }
    for (String entry : text.split(",")) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--peers: expected ID=HOST:PORT, got '" + entry + "'");
      }
      String peerId = entry.substring(0, eq).trim();
      HostPort address = hostPort("peers", entry.substring(eq + 1).trim());
      if (peers.put(peerId, address) != null) {
        throw new UsageException("--peers: node '" + peerId + "' listed twice");
      }
    }
    return peers;
  }

  private static HostPort hostPort(String flag, String text)
      throws UsageException {
    try {
      return HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + flag + ": " + e.getMessage());
    }
  }

  private static String required(Map<String, String> f, String name) throws UsageException {
    String value = f.get(name);
    if (value == null || value.isBlank()) {
      throw new UsageException("--" + name + " is required (see --help)");
    }
    return value;
  }

  private static int integer(Map<String, String> f, String name, int fallback) throws UsageException {
    String text = f.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + ": expected an integer, got '" + text + "'");
    }
  }

  private static long longValue(String name, String text) throws UsageException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + ": expected an integer, got '" + text + "'");
    }
  }

  private static UsageException unknown(String name) {
    return new UsageException("unknown flag --" + name + " (see --help)");
  }

  /** The {@code --help} text. */
  public static String usage() {
    StringBuilder s = new StringBuilder();
    s.append("usage: java -jar kv-node.jar --id ID --protocol PROTOCOL --client-listen HOST:PORT\n")
        .append("         --peer-listen HOST:PORT --peers ID=HOST:PORT,... --data-dir DIR [options]\n\n")
        .append("  --id ID                  this node's id (letters, digits, _ . -)\n")
        .append("  --protocol NAME          replication protocol: ").append(Protocols.names()).append('\n')
        .append("  --client-listen H:P      HTTP client API address\n")
        .append("  --peer-listen H:P        address accepting peer connections (receive only)\n")
        .append("  --peers ID=H:P,...       where this node reaches each peer (send only; a self entry is ignored)\n")
        .append("  --data-dir DIR           data folder (created if missing)\n")
        .append("  --read-mode MODE         ").append(ReadMode.allowed()).append(" (default index)\n")
        .append("  --bug NAME[,NAME]        switch on a deliberate bug (repeatable); see below\n")
        .append("  --seed N                 seed for protocol randomness (default: time-based)\n");
    Tuning d = Tuning.defaults();
    s.append("  --tick-ms N              consensus tick (default ").append(d.tickMs()).append(")\n")
        .append("  --heartbeat-ms N         heartbeat interval (default ").append(d.heartbeatMs()).append(")\n")
        .append("  --election-ms N          election timeout base (default ").append(d.electionTimeoutMs()).append(")\n")
        .append("  --request-timeout-ms N   HTTP wait before 504 (default ").append(d.requestTimeoutMs()).append(")\n")
        .append("  --max-request-bytes N    HTTP body limit (default ").append(d.maxRequestBytes()).append(")\n")
        .append("  --max-frame-bytes N      peer frame limit (default ").append(d.maxFrameBytes()).append(")\n")
        .append("  --snapshot-every N       snapshot every N applied entries (default ").append(d.snapshotEvery()).append(")\n")
        .append("  --check                  validate every flag, start nothing, exit 0 (or 2 with the error)\n")
        .append("  --http-read-timeout-ms N time a client has to send a request head, then its body; 408 beyond (default ")
        .append(d.httpReadTimeoutMs()).append(")\n")
        .append("  --http-idle-timeout-ms N idle keep-alive connections are closed after this (default ")
        .append(d.httpIdleTimeoutMs()).append(")\n")
        .append("  --max-connections N      HTTP connections at most; beyond, the longest-idle one without a request\n")
        .append("                           in progress is closed to make room (default ").append(d.maxConnections()).append(")\n")
        .append("  --lifeline stdin|none    stdin: also exit when standard input ends, i.e. when the parent holding\n")
        .append("                           the pipe dies, however it dies (default none)\n")
        .append("  --help                   this text\n\nprotocols and their bugs:\n");
    for (ProtocolSpec p : Protocols.ALL) {
      s.append("  ").append(p.name()).append(": ").append(p.description()).append('\n');
      if (p.bugs().isEmpty()) {
        s.append("      (no bugs)\n");
      }
      for (BugSpec bug : p.bugs()) {
        s.append("      --bug ").append(bug.name()).append(": ").append(bug.description()).append('\n');
      }
    }
    return s.toString();
  }
}
