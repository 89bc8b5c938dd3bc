package io.faultline.run;

import io.faultline.net.ToxiproxyNet;
import io.faultline.runtime.ClusterRuntime;
import io.faultline.runtime.LocalRuntime;
import io.faultline.sut.SystemUnderTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a test's cluster comes from (the runtime seam): starts every node with one proxy per
 * directed peer link and hands back the runtime and the network adapter over those proxies. The
 * runner waits for the nodes itself. {@link #local} is the default; the Docker one lives in
 * {@code io.faultline.runtime.docker}.
 */
@FunctionalInterface
public interface ClusterLauncher {

  /** Starts nodes {@code ids} of {@code system} with logs and data under {@code nodesDir}. */
  Launched launch(List<String> ids, SystemUnderTest system, TestConfig config, Path nodesDir)
      throws IOException, InterruptedException;

  /** A started cluster; closing it stops every node and proxy it started. */
  interface Launched extends AutoCloseable {
    ClusterRuntime runtime();

    ToxiproxyNet net();

    @Override
    void close();
  }

  /** Child processes on 127.0.0.1 behind the Toxiproxy that {@code proxies} starts. */
  static ClusterLauncher local(Supplier<ToxiproxyEndpoint> proxies) {
    return (ids, system, config, nodesDir) -> {
      ToxiproxyEndpoint proxy = proxies.get();
      LocalRuntime runtime = new LocalRuntime(system.launcher(), nodesDir);
      try {
        ToxiproxyNet net = Cluster.start(ids, runtime, proxy);
        return new Launched() {
          @Override
          public ClusterRuntime runtime() {
            return runtime;
          }

          @Override
          public ToxiproxyNet net() {
            return net;
          }

          @Override
          public void close() {
            try (proxy) {
              runtime.close(); // nodes first, then their proxies
            }
          }
        };
      } catch (IOException | RuntimeException e) {
        try (proxy) {
          runtime.close();
        }
        throw e;
      }
    };
  }
}
