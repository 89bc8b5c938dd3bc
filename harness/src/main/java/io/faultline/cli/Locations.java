package io.faultline.cli;

import java.nio.file.Path;

/**
 * Where the CLI finds things: the repository root from {@code -Dfaultline.root} (set by the
 * launcher and by surefire/failsafe), else the working directory.
 */
final class Locations {
  private Locations() {}

  static Path root() {
    String root = System.getProperty("faultline.root");
    return Path.of(root == null || root.isBlank() ? "." : root).toAbsolutePath().normalize();
  }

  static Path resultsRoot(Path override) {
    return override != null ? override.toAbsolutePath().normalize() : root().resolve("results");
  }

  static Path nodeJar() {
    String jar = System.getProperty("faultline.nodeJar");
    if (jar != null && !jar.isBlank()) {
      return Path.of(jar);
    }
    return root().resolve("systems-under-test/target/kv-node.jar");
  }
}
