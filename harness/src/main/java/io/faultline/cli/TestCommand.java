package io.faultline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so and exits 3. */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Run a chaos test: start a cluster, drive clients, inject faults, check, report.")
public final class TestCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("faultline test: not available in this build yet");
    return Main.EXIT_HARNESS_FAILED;
  }
}
