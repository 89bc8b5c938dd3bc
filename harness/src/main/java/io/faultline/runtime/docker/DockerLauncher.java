package io.faultline.runtime.docker;

import io.faultline.net.ToxiproxyNet;
import io.faultline.run.ClusterLauncher;
import io.faultline.run.TestConfig;
import io.faultline.runtime.ClusterRuntime;
import io.faultline.sut.SystemUnderTest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --runtime docker}: the bundled KV node ({@link TestConfig#nodeJar()}, {@link
 * TestConfig#nodeArgs()}) in containers, through {@link DockerCluster}. The Toxiproxy image is
 * built from the harness's own jar ({@code faultline.jar}: the running jar, or {@code
 * <faultline.root>/harness/target/faultline.jar} when running from classes, as in tests).
 */
public final class DockerLauncher implements ClusterLauncher {
  private final String baseImage;
  private final PrintStream progress;

  /** @param baseImage a local image with {@code java} to build node images on; null for scratch + jlink */
  public DockerLauncher(String baseImage, PrintStream progress) {
    this.baseImage = baseImage;
    this.progress = progress;
  }

  @Override
  public Launched launch(List<String> ids, SystemUnderTest system, TestConfig config, Path nodesDir)
      throws IOException, InterruptedException {
    DockerCluster cluster = DockerCluster.start(ids,
        new DockerCluster.Images(config.nodeJar(), faultlineJar(), baseImage), config.nodeArgs(), nodesDir, progress);
    return new Launched() {
      @Override
      public ClusterRuntime runtime() {
        return cluster.runtime();
      }

      @Override
      public ToxiproxyNet net() {
        return cluster.net();
      }

      @Override
      public void close() {
        cluster.close();
      }
    };
  }

  /** Fails with one sentence when Docker cannot be used (settings missing, no daemon, no such base image). */
  public void checkAvailable() throws DockerUnavailableException {
    LocalImages images = new LocalImages(DockerAccess.client(), baseImage);
    if (baseImage != null && !images.exists(baseImage)) {
      throw new DockerUnavailableException("--docker-base-image " + baseImage
          + ": no such image on this machine (images are never pulled; build or load it first)");
    }
  }

  static Path faultlineJar() throws IOException {
    try {
      Path self = Path.of(DockerLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (self.getFileName().toString().equals("faultline.jar") && Files.isRegularFile(self)) {
        return self;
      }
    } catch (URISyntaxException | RuntimeException e) {
      // Fall back to the build folder below.
    }
    Path built = Path.of(System.getProperty("faultline.root", ".")).toAbsolutePath().normalize()
        .resolve("harness/target/faultline.jar");
    if (!Files.isRegularFile(built)) {
      throw new IOException("--runtime docker needs the harness jar for its Toxiproxy image and found none at "
          + built + " (build it: mvn -q -B -pl harness -am package -DskipTests)");
    }
    return built;
  }
}
