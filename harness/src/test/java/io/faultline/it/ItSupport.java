package io.faultline.it;

import io.faultline.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finding the node program and running the CLI (in-process or as its own process), for the ITs. */
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

  /**
   * Exit code and output of {@code faultline args...} run as its own process, from the runnable
   * jar, as a user runs it: a fresh harness JVM, with none of the warmed-up code, threads and heap
   * that earlier tests leave in this one.
   */
  static CliRun cliProcess(String... args) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(cliCommand(args)).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    System.out.print(text);
    return new CliRun(code, text);
  }

  /** {@code faultline args...} started as its own process, its output in harness/target/it-results/NAME.log. */
  static Process cliProcessStart(String... args) throws IOException {
    Path log = resultsDir("processes").resolve("faultline-" + System.nanoTime() + ".log");
    return new ProcessBuilder(cliCommand(args)).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  private static List<String> cliCommand(String... args) {
    Path jar = root().resolve("harness/target/faultline.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("package the harness first: " + jar + " is missing");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dfaultline.root=" + root(), "-Dfaultline.nodeJar=" + nodeJar(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    return command;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(Path file) throws IOException {
    return io.faultline.checker.history.JsonValues.mapper().readValue(file.toFile(), Map.class);
  }
}
