package io.faultline.node.raft.core;

/** A node's role; {@link #statusName()} is the spelling {@code /admin/status} reports. */
public enum Role {
  FOLLOWER("follower"),
  PRE_CANDIDATE("pre-candidate"),
  CANDIDATE("candidate"),
  LEADER("leader");

  private final String statusName;

  Role(String statusName) {
    this.statusName = statusName;
  }

  public String statusName() {
    return statusName;
  }
}
