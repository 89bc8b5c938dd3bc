package io.faultline.sut;

import io.faultline.runtime.NodeSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start one node of a system under test as a local process. Called by the runtime on the
 * harness thread that starts (or restarts) the node, {@link #command} before {@link #environment};
 * must not block. It may start helpers of its own (the etcd example starts a forward proxy per
 * node) if whoever made it closes them after the run.
 * {@link NodeSpec#peers()} gives, for each peer, the address this node must use to reach it: the
 * harness's proxy for that link, which is how the nemesis partitions the cluster.
 */
public interface NodeLauncher {

  /** The full command line (program first) that starts {@code spec.id()} with its data in {@code dataDir}. */
  List<String> command(NodeSpec spec, Path dataDir);

  /** Extra environment variables for the node's process; none by default. */
  default Map<String, String> environment(NodeSpec spec) {
    return Map.of();
  }

  /**
   * Checks, before anything of the run exists, that nodes started this way will accept their
   * configuration; called once per run on the runner's thread. Nothing to check by default.
   *
   * @throws IllegalArgumentException with one line saying which setting is wrong
   * @throws java.io.IOException when the check itself could not be made
   */
  default void validate() throws java.io.IOException {}
}
