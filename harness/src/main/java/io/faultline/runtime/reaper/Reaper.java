package io.faultline.runtime.reaper;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The harness's end of a reaper: a small JVM of its own ({@link ReaperMain}) that outlives the
 * harness and cleans up what the harness started when the harness dies without doing so itself
 * (SIGKILL, a crash, an OOM kill). The harness holds the write end of the reaper's standard input
 * and sends it {@link ReapOrder}s; the kernel closes that end when the harness exits, however it
 * exits, which is the reaper's signal. The reaper runs in a session of its own ({@code setsid},
 * where there is one), so a signal sent to the harness's whole process group (a CI runner
 * cancelling a job) does not reach it.
 *
 * <p>Thread safe. If the reaper dies, orders are dropped and one warning is printed: the run goes
 * on, only without this safety net.
 */
public final class Reaper implements AutoCloseable {
  /** Small: it idles for the whole run, then does a few system calls or Docker requests. */
  static final List<String> JAVA_OPTIONS = List.of("-Xms8m", "-Xmx64m", "-Xss256k", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m");

  private final Process process;
  private final OutputStream orders;
  private boolean open = true;

  private Reaper(Process process) {
    this.process = process;
    this.orders = process.getOutputStream();
  }

  /**
   * Starts a reaper for what is started under {@code dir} (a run's {@code nodes/} folder): its
   * log is appended to {@code dir/reaper.log}, and {@code dir} is its one argument, so {@code ps}
   * shows which run it watches over.
   */
  public static Reaper start(Path dir) throws IOException {
    Path folder = Files.createDirectories(dir.toAbsolutePath());
    Path log = folder.resolve("reaper.log");
    List<String> command = new ArrayList<>();
    setsid().ifPresent(p -> command.add(p.toString()));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JAVA_OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReaperMain.class.getName(),
        folder.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new Reaper(builder.start());
  }

  /** The {@code setsid} program, if this system has one on its PATH. */
  static Optional<Path> setsid() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "setsid");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Kill {@code p} and its descendants if the harness dies before {@link #forget}ting it. */
  public void watch(ProcessHandle p) {
    send(new ReapOrder.WatchProcess(p.pid(), ProcessReaping.startMillis(p)));
  }

  /** {@code p} has exited: never kill its pid, which the system may give to another process. */
  public void forget(ProcessHandle p) {
    send(new ReapOrder.ForgetProcess(p.pid()));
  }

  /** Kill every process whose environment holds {@code name=value}. */
  public void watchEnvironment(String name, String value) {
    send(new ReapOrder.WatchEnvironment(name, value));
  }

  /** Remove every Docker container and network labelled {@code label=value}. */
  public void watchDocker(String label, String value) {
    send(new ReapOrder.WatchDocker(label, value));
  }

  /** The reaper's pid, for logs and tests. */
  public long pid() {
    return process.pid();
  }

  /** Whether the reaper is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Completes when the reaper has exited (after its clean-up, once the lifeline ended). */
  public java.util.concurrent.CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** Everything was cleaned up by the harness: the reaper exits without touching anything. */
  public synchronized void release() {
    send(new ReapOrder.Released());
    close();
  }

  /**
   * Ends the lifeline now, as the harness's death would: the reaper cleans up whatever it was
   * told of and not told to forget, then exits. Does not wait for it.
   */
  @Override
  public synchronized void close() {
    if (!open) {
      return;
    }
    open = false;
    try {
      orders.close();
    } catch (IOException e) {
      // The reaper is gone already.
    }
  }

  private synchronized void send(ReapOrder order) {
    if (!open) {
      return;
    }
    try {
      orders.write((order.encode() + "\n").getBytes(StandardCharsets.UTF_8));
      orders.flush();
    } catch (IOException e) {
      open = false;
      System.err.println("faultline: the reaper process (pid " + process.pid() + ") has exited: nodes this run "
          + "starts will not be cleaned up if the harness is killed");
    }
  }
}
