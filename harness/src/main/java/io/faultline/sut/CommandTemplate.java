package io.faultline.sut;

import io.faultline.runtime.NodeSpec;
import io.faultline.runtime.NodeSpec.Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link NodeLauncher} from a command-line template. Placeholders, replaced per node:
 *
 * <ul>
 *   <li>{@code {id}} the node id ({@code n1}); {@code {data-dir}} its fresh data folder
 *   <li>{@code {client}}, {@code {client-host}}, {@code {client-port}}: where it serves clients
 *   <li>{@code {peer}}, {@code {peer-host}}, {@code {peer-port}}: where it listens for peers
 *   <li>{@code {peer-addr:n2}}: the address at which this node must reach peer {@code n2}, i.e.
 *       the harness's proxy for the link to it (its own peer address for itself)
 *   <li>{@code {peers}}: every node, itself included, as {@code entry} joined by {@code separator}
 *       ({@link #peersAs}); in the entry, {@code {peer-id}} and {@code {peer-addr}}
 * </ul>
 *
 * Unknown placeholders are rejected when the template is made, naming the argument.
 */
public final class CommandTemplate implements NodeLauncher {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+)(?::([A-Za-z0-9_.-]+))?}");
  private static final List<String> KNOWN = List.of("id", "data-dir", "client", "client-host", "client-port",
      "peer", "peer-host", "peer-port", "peer-addr", "peers");

  private final List<String> args;
  private final Map<String, String> env;
  private final String peerEntry;
  private final String peerSeparator;

  private CommandTemplate(List<String> args, Map<String, String> env, String peerEntry, String peerSeparator) {
    this.args = List.copyOf(args);
    this.env = Map.copyOf(env);
    this.peerEntry = peerEntry;
    this.peerSeparator = peerSeparator;
  }

  /** A template whose first argument is the program; {@code {peers}} defaults to {@code n1=host:port,...}. */
  public static CommandTemplate of(String... args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("command template: empty command line");
    }
    for (int i = 0; i < args.length; i++) {
      validate(args[i], "command template argument " + (i + 1));
    }
    return new CommandTemplate(List.of(args), Map.of(), "{peer-id}={peer-addr}", ",");
  }

  /** How {@code {peers}} renders each node ({@code {peer-id}}, {@code {peer-addr}}) and what joins them. */
  public CommandTemplate peersAs(String entry, String separator) {
    if (!entry.contains("{peer-id}") && !entry.contains("{peer-addr}")) {
      throw new IllegalArgumentException("peers entry '" + entry + "' uses neither {peer-id} nor {peer-addr}");
    }
    return new CommandTemplate(args, env, entry, separator);
  }

  /** Adds an environment variable; its value may use the same placeholders. */
  public CommandTemplate env(String name, String valueTemplate) {
    validate(valueTemplate, "environment variable " + name);
    Map<String, String> more = new LinkedHashMap<>(env);
    more.put(name, valueTemplate);
    return new CommandTemplate(args, more, peerEntry, peerSeparator);
  }

  @Override
  public List<String> command(NodeSpec spec, Path dataDir) {
    List<String> out = new ArrayList<>(args.size());
    for (String arg : args) {
      out.add(render(arg, spec, dataDir));
    }
    return out;
  }

  @Override
  public Map<String, String> environment(NodeSpec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    env.forEach((k, v) -> out.put(k, render(v, spec, null)));
    return out;
  }

  private String render(String template, NodeSpec spec, Path dataDir) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(value(m.group(1), m.group(2), spec, dataDir)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private String value(String name, String arg, NodeSpec spec, Path dataDir) {
    return switch (name) {
      case "id" -> spec.id();
      case "data-dir" -> String.valueOf(dataDir);
      case "client" -> spec.client().toString();
      case "client-host" -> spec.client().host();
      case "client-port" -> Integer.toString(spec.client().port());
      case "peer" -> spec.peer().toString();
      case "peer-host" -> spec.peer().host();
      case "peer-port" -> Integer.toString(spec.peer().port());
      case "peer-addr" -> {
        Address a = spec.peers().get(arg);
        if (a == null) {
          throw new IllegalArgumentException("{peer-addr:" + arg + "}: no node " + arg + " in this cluster "
              + new TreeMap<>(spec.peers()).keySet());
        }
        yield a.toString();
      }
      case "peers" -> {
        List<String> entries = new ArrayList<>();
        new TreeMap<>(spec.peers()).forEach((id, a) ->
            entries.add(peerEntry.replace("{peer-id}", id).replace("{peer-addr}", a.toString())));
        yield String.join(peerSeparator, entries);
      }
      default -> throw new IllegalStateException("unvalidated placeholder {" + name + "}");
    };
  }

  private static void validate(String template, String where) {
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      String name = m.group(1);
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException(where + " '" + template + "': unknown placeholder {" + name
            + "} (known: " + String.join(", ", KNOWN) + ")");
      }
      if (name.equals("peer-addr") != (m.group(2) != null)) {
        throw new IllegalArgumentException(where + " '" + template + "': "
            + (name.equals("peer-addr") ? "{peer-addr:ID} needs a node id" : "{" + name + "} takes no argument"));
      }
    }
  }
}
