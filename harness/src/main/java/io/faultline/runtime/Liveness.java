package io.faultline.runtime;

/**
 * What a runtime can say about a node's process. {@link #UNKNOWN} is an answer of its own: a
 * status call that failed or timed out (the Docker API under load) tells nothing about the node,
 * and reading it as "not running" would report a crash that never happened.
 */
public enum Liveness {
  /** The process is alive (paused counts as alive). */
  RUNNING,
  /** The process has exited, or was never started. */
  EXITED,
  /** The runtime could not tell. Never evidence of a death. */
  UNKNOWN
}
