package io.faultline.node.paxos;

import java.util.Locale;

/**
 * Deliberate defects (positive controls, {@code --bug NAME}). Each must be caught by the
 * simulation and by the harness; none is ever on by default.
 */
public enum PaxosBug {
  /** Acceptor state is written but not fsynced; a crash loses promises and accepts. */
  PAXOS_SKIP_FSYNC("paxos-skip-fsync", "acceptor state is not fsynced before replying; a kill loses promises and accepts"),
  /** The acceptor accepts any ballot, ignoring what it promised in Phase 1. */
  ACCEPT_WITHOUT_PROMISE_CHECK("accept-without-promise-check", "acceptors accept Phase 2 messages without checking the promised ballot"),
  /** A leader answers reads from local state without confirming it still leads. */
  STALE_LEADER_READS("stale-leader-reads", "the leader serves reads from local state without confirming it still leads (no read round, no check-quorum)");

  private final String flagName;
  private final String description;

  PaxosBug(String flagName, String description) {
    this.flagName = flagName;
    this.description = description;
  }

  public String flagName() {
    return flagName;
  }

  public String description() {
    return description;
  }

  public static PaxosBug parse(String name) {
    for (PaxosBug bug : values()) {
      if (bug.flagName.equals(name.toLowerCase(Locale.ROOT))) {
        return bug;
      }
    }
    throw new IllegalArgumentException("unknown paxos bug '" + name + "'");
  }
}
