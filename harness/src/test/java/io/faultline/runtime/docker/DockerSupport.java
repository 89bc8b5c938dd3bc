package io.faultline.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** What the Docker integration tests need: a daemon (or a plain skip message) and the built jars. */
final class DockerSupport {
  private DockerSupport() {}

  /** Aborts the test, saying why, when Docker cannot be used on this machine. */
  static DockerClient dockerOrSkip() {
    try {
      return DockerAccess.client();
    } catch (DockerUnavailableException e) {
      Assumptions.abort("Docker integration tests skipped: " + e.getMessage());
      throw new AssertionError("unreachable");
    }
  }

  static Path root() {
    return Path.of(System.getProperty("faultline.root", "..")).toAbsolutePath().normalize();
  }

  static DockerCluster.Images images() {
    Path nodeJar = root().resolve("systems-under-test/target/kv-node.jar");
    Path faultlineJar = root().resolve("harness/target/faultline.jar");
    if (!Files.isRegularFile(nodeJar) || !Files.isRegularFile(faultlineJar)) {
      throw new IllegalStateException("build first: " + nodeJar + " and " + faultlineJar + " are needed");
    }
    return new DockerCluster.Images(nodeJar, faultlineJar, null);
  }

  static Path resultsDir(String name) throws java.io.IOException {
    return Files.createDirectories(root().resolve("harness/target/it-results/docker").resolve(name));
  }
}
