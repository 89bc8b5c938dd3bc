package io.faultline.node;

import io.faultline.node.clock.NodeClock;
import java.io.PrintStream;

/**
 * The node's event log: one line per event worth knowing (start, role changes, connections,
 * errors), stamped with node-clock time so a skewed clock shows in the log. The harness captures
 * stdout/stderr to a file per node. Thread-safe (PrintStream is).
 */
public final class NodeLog {
  private final String nodeId;
  private final NodeClock clock;
  private final PrintStream out;

  public NodeLog(String nodeId, NodeClock clock, PrintStream out) {
    this.nodeId = nodeId;
    this.clock = clock;
    this.out = out;
  }

  public void info(String message) {
    out.println(line("INFO", message));
  }

  public void warn(String message) {
    out.println(line("WARN", message));
  }

  public void error(String message) {
    out.println(line("ERROR", message));
  }

  private String line(String level, String message) {
    return "t=" + clock.millis() + "ms " + nodeId + " " + level + " " + message;
  }
}
