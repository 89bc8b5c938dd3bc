package io.faultline.it;

import io.faultline.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finding the node program and running the CLI in-process, for the integration tests. */
final class ItSupport {
  private ItSupport() {}

  static Path root() {
    return Path.of(System.getProperty("faultline.root", "..")).toAbsolutePath().normalize();
  }

  static Path nodeJar() {
    Path jar = root().resolve("systems-under-test/target/kv-node.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("build the node first: " + jar + " is missing");
    }
    return jar;
  }

  static Path resultsDir(String name) throws IOException {
    return Files.createDirectories(root().resolve("harness/target/it-results").resolve(name));
  }

  /** Exit code and standard output of {@code faultline args...}. */
  record CliRun(int exitCode, String out) {}

  static CliRun cli(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    System.setProperty("faultline.nodeJar", nodeJar().toString());
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = Main.execute(args);
    } finally {
      System.setOut(old);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    old.print(text);
    return new CliRun(code, text);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(Path file) throws IOException {
    return io.faultline.checker.history.JsonValues.mapper().readValue(file.toFile(), Map.class);
  }
}
