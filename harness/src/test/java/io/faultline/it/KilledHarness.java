package io.faultline.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * For the tests that SIGKILL a harness: starting one as its own process, and finding the
 * processes of its run by the run folder in their command line (the harness's own, its nodes',
 * its reaper's), so a test only ever looks at, and cleans up, what it started itself.
 */
public final class KilledHarness {
  private KilledHarness() {}

  /** {@code java -jar faultline.jar args...} with its output appended to {@code out}. */
  public static Process startCli(Path out, String... args) throws IOException {
    Path jar = ItSupport.root().resolve("harness/target/faultline.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("package the harness first: " + jar + " is missing");
    }
    List<String> command = new ArrayList<>(List.of(java(), "-Dfaultline.root=" + ItSupport.root(),
        "-Dfaultline.nodeJar=" + ItSupport.nodeJar(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    return start(command, out);
  }

  /** A main class of the test class path in a JVM of its own, output appended to {@code out}. */
  public static Process startMain(Class<?> main, Path out, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
        main.getName()));
    command.addAll(List.of(args));
    return start(command, out);
  }

  private static Process start(List<String> command, Path out) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The kv-node.jar path, for command templates. */
  public static Path nodeJar() {
    return ItSupport.nodeJar();
  }

  /** Folders for these tests' runs. */
  public static Path resultsDir(String name) throws IOException {
    return Files.createTempDirectory(ItSupport.resultsDir("killed-harness"), name);
  }

  /** Live processes whose command line mentions {@code dir}. */
  public static List<ProcessHandle> mentioning(Path dir) {
    String marker = dir.toAbsolutePath().toString();
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self && p.isAlive() && commandLine(p).map(c -> c.contains(marker)).orElse(false))
        .toList();
  }

  /** The full command line, from /proc where there is one (it is never truncated there). */
  public static Optional<String> commandLine(ProcessHandle p) {
    Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
    try {
      byte[] bytes = Files.readAllBytes(cmdline);
      if (bytes.length > 0) {
        return Optional.of(new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').strip());
      }
      return Optional.empty(); // a zombie, or a kernel thread
    } catch (IOException e) {
      return p.info().commandLine();
    }
  }

  /** The state letter in /proc/PID/stat ({@code T}: stopped by a signal), '?' if unknown. */
  public static char state(ProcessHandle p) {
    try {
      String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2);
    } catch (IOException | RuntimeException e) {
      return '?';
    }
  }

  /** Polls {@code condition} every 100 ms until it holds (true) or {@code timeoutMillis} pass (false). */
  public static boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  /** Describes processes for a failure message. */
  public static String describe(List<ProcessHandle> processes) {
    StringBuilder sb = new StringBuilder();
    for (ProcessHandle p : processes) {
      String line = commandLine(p).orElse("?");
      sb.append("\n  pid ").append(p.pid()).append(" [").append(state(p)).append("] ")
          .append(line.length() > 300 ? line.substring(0, 300) + "..." : line);
    }
    return sb.toString();
  }

  /** SIGKILLs what a failed test left behind: only processes that mention its own run folder. */
  public static void cleanUp(Path dir) {
    mentioning(dir).forEach(ProcessHandle::destroyForcibly);
  }
}
