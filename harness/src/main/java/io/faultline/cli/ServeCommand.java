package io.faultline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so and exits 3. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve results/ for browsing reports.")
public final class ServeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("faultline serve: not available in this build yet");
    return Main.EXIT_HARNESS_FAILED;
  }
}
