package io.faultline.runtime.docker;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.faultline.run.ToxiproxyEndpoint;
import io.faultline.runtime.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * A Toxiproxy server in a container on the cluster's network, reachable there as {@code
 * toxiproxy} (where nodes connect to the per-link proxies) and from the harness at 127.0.0.1 on a
 * fixed host port bound to its API port 8474. Started and waited for until {@code GET /version}
 * answers; closing removes the container.
 */
final class ToxiproxyContainer implements ToxiproxyEndpoint {
  static final String ALIAS = "toxiproxy";
  static final int API_PORT = 8474;

  private final GenericContainer<?> container;
  private final int hostPort;

  private ToxiproxyContainer(GenericContainer<?> container, int hostPort) {
    this.container = container;
    this.hostPort = hostPort;
  }

  /** @param labels Docker labels for the container (the run's, so a reaper can find it) */
  static ToxiproxyContainer start(String image, Network network, java.util.Map<String, String> labels)
      throws IOException {
    int hostPort = FreePorts.next();
    ExposedPort api = ExposedPort.tcp(API_PORT);
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
        .withNetwork(network)
        .withNetworkAliases(ALIAS)
        .withLabels(labels)
        .withCreateContainerCmdModifier(cmd -> {
          cmd.withExposedPorts(api);
          cmd.getHostConfig().withPortBindings(
              new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), api)).withMemory(512L << 20);
        });
    try {
      container.start();
    } catch (RuntimeException e) {
      throw new IOException("the Toxiproxy container (" + image + ") did not start: " + e.getMessage(), e);
    }
    ToxiproxyContainer started = new ToxiproxyContainer(container, hostPort);
    try {
      started.awaitApi(60_000);
    } catch (IOException e) {
      started.close();
      throw e;
    }
    return started;
  }

  private void awaitApi(long timeoutMillis) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest version = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + "/version"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(version, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the Toxiproxy container", e);
      }
      if (!container.isRunning()) {
        throw new IOException("the Toxiproxy container exited: " + container.getLogs().strip());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the Toxiproxy container", e);
      }
    }
    throw new IOException("the Toxiproxy container's API did not answer within " + timeoutMillis / 1000 + " s ("
        + last + ")");
  }

  /** Everything the Toxiproxy server printed so far. */
  String logs() {
    try {
      return container.getLogs();
    } catch (RuntimeException e) {
      return "";
    }
  }

  @Override
  public String host() {
    return "127.0.0.1";
  }

  @Override
  public int port() {
    return hostPort;
  }

  @Override
  public void close() {
    try {
      container.stop();
    } catch (RuntimeException e) {
      // Already gone.
    }
  }
}
