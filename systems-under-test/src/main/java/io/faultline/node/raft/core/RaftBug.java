package io.faultline.node.raft.core;

import java.util.Optional;

/**
 * Deliberate consensus bugs (positive controls for the harness), switched on by name with
 * {@code --bug}. Each one is a real class of bug seen in production systems. The core honours
 * {@link #COMMIT_OLD_TERM}, {@link #DOUBLE_VOTE} and {@link #STALE_LEADER_READS}; the storage
 * layer (real or simulated) honours {@link #SKIP_FSYNC}.
 */
public enum RaftBug {
  SKIP_FSYNC("skip-fsync", "acknowledge appends and votes before they are durable (no fsync)"),
  COMMIT_OLD_TERM(
      "commit-old-term",
      "commit entries of earlier terms by counting replicas, with no no-op at the start of a term (Raft Figure 8)"),
  DOUBLE_VOTE("double-vote", "grant more than one vote in the same term"),
  STALE_LEADER_READS(
      "stale-leader-reads",
      "a leader serves reads without confirming it still leads, and a cut-off leader does not step down");

  private final String flagName;
  private final String description;

  RaftBug(String flagName, String description) {
    this.flagName = flagName;
    this.description = description;
  }

  public String flagName() {
    return flagName;
  }

  public String description() {
    return description;
  }

  public static Optional<RaftBug> byFlagName(String name) {
    for (RaftBug bug : values()) {
      if (bug.flagName.equals(name)) {
        return Optional.of(bug);
      }
    }
    return Optional.empty();
  }
}
