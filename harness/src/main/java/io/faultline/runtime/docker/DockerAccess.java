package io.faultline.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * The one way into Docker: checks that Testcontainers is configured for a machine with no registry
 * (docs/docker-offline.md: three settings it reads only from the environment) and that a daemon
 * answers, then hands out Testcontainers' shared client. Every failure is a {@link
 * DockerUnavailableException} with one sentence saying what to do.
 */
public final class DockerAccess {
  /**
   * Without these Testcontainers tries to pull helper images (Ryuk, alpine) and stalls for minutes
   * on a machine that reaches no registry; it reads them only from the environment, so the launcher
   * ({@code ./faultline}) and the Maven test plugins set them.
   */
  static final Map<String, String> REQUIRED_ENV = Map.of(
      "TESTCONTAINERS_RYUK_DISABLED", "true",
      "TESTCONTAINERS_HOST_OVERRIDE", "localhost",
      "TESTCONTAINERS_CHECKS_DISABLE", "true");

  private DockerAccess() {}

  /** The shared client, once the environment and the daemon are checked. */
  public static DockerClient client() throws DockerUnavailableException {
    checkEnvironment(System.getenv());
    DockerClientFactory factory = DockerClientFactory.instance();
    boolean available;
    try {
      available = factory.isDockerAvailable();
    } catch (RuntimeException e) {
      available = false;
    }
    if (!available) {
      throw new DockerUnavailableException("Docker is not available: no Docker daemon answers on this machine"
          + " (install and start one, e.g. apt-get install docker.io && dockerd &), or use --runtime local");
    }
    return factory.client();
  }

  /** Fails unless every setting of {@link #REQUIRED_ENV} is in {@code env}. */
  static void checkEnvironment(Map<String, String> env) throws DockerUnavailableException {
    for (String name : List.copyOf(new java.util.TreeMap<>(REQUIRED_ENV).keySet())) {
      String want = REQUIRED_ENV.get(name);
      if (!want.equalsIgnoreCase(String.valueOf(env.get(name)))) {
        throw new DockerUnavailableException("--runtime docker needs the environment variable " + name + "=" + want
            + " (Testcontainers reads it only from the environment; ./faultline sets it, a plain java -jar does not)");
      }
    }
  }
}
