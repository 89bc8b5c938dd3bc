package io.faultline.runtime;

import java.io.IOException;
import java.util.List;

/**
 * Where nodes run (DESIGN.md, "Runtime"): start, stop, kill, pause/resume and restart with data
 * kept. Implementations are thread safe (the nemesis and the runner call concurrently). {@link
 * #close()} stops every node it started, whatever state it is in.
 *
 * <p>An interrupt never leaves an operation half done: kill, stop, pause, resume and restart
 * finish what they started (or throw {@link IOException} when they cannot, saying what was not
 * done) and keep the caller's interrupt flag set; {@link #liveness} answers {@link
 * Liveness#UNKNOWN} rather than guess when it cannot tell.
 */
public interface ClusterRuntime extends AutoCloseable {

  /** Starts a node for the first time (fresh data folder). */
  void start(NodeSpec spec) throws IOException;

  /** SIGKILL: the process dies at once, without flushing anything it had not made durable. */
  void kill(String node) throws IOException;

  /**
   * Kills several nodes as one crash, like a power loss of their rack: every node gets its SIGKILL
   * before any is waited for, so no survivor can make durable what a dying node had acknowledged.
   * The default kills one after another (for runtimes whose kill is a slow remote call).
   */
  default void killTogether(List<String> nodes) throws IOException {
    for (String node : nodes) {
      kill(node);
    }
  }

  /** Stops a node gracefully (SIGTERM, then SIGKILL after a grace period). */
  void stop(String node) throws IOException;

  /** SIGSTOP: the process is frozen; its sockets stay open. */
  void pause(String node) throws IOException;

  /** SIGCONT for a paused node. */
  void resume(String node) throws IOException;

  /**
   * Starts a stopped or killed node again with the same spec and its data folder kept; a node
   * that is running is left alone. A node that was killed or stopped but has not finished dying
   * is waited for first: the new process must not be mistaken for the old one, nor the old one's
   * death for a crash of the new.
   */
  void restart(String node) throws IOException;

  /** Whether the node's process is alive (paused counts as alive), or {@link Liveness#UNKNOWN}. */
  Liveness liveness(String node);

  /** Ids of the nodes started, in a stable order (id order): seeded nemesis schedules pick targets from it. */
  List<String> nodes();

  NodeSpec spec(String node);

  @Override
  void close();
}
