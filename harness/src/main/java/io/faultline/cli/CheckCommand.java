package io.faultline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so and exits 3. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Check history files from any tool for linearizability.")
public final class CheckCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("faultline check: not available in this build yet");
    return Main.EXIT_HARNESS_FAILED;
  }
}
