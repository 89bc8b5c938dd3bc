package io.faultline.node;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What ends the node besides a signal ({@code --lifeline}). A parent that may be killed with
 * SIGKILL cannot stop its children itself; with {@link #STDIN} the node notices the parent is gone
 * by the end of its standard input, a pipe only the parent holds open: the kernel closes that end
 * when the parent dies, however it dies, so the node learns of it at once and without polling, and
 * neither a re-parenting to PID 1 (or a subreaper) nor a reused parent PID can fool it.
 */
public enum Lifeline {
  /** Runs until a signal stops it (the default: a node started by hand keeps running). */
  NONE("none"),
  /** Also exits (status 0, after a clean close) when standard input reaches end of file. */
  STDIN("stdin");

  private final String flagName;

  Lifeline(String flagName) {
    this.flagName = flagName;
  }

  public String flagName() {
    return flagName;
  }

  /** Parses a {@code --lifeline} value. */
  public static Lifeline parse(String text) {
    return Arrays.stream(values()).filter(l -> l.flagName.equals(text)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown lifeline '" + text + "'; allowed: " + allowed()));
  }

  public static String allowed() {
    return Arrays.stream(values()).map(Lifeline::flagName).collect(Collectors.joining(", "));
  }
}
