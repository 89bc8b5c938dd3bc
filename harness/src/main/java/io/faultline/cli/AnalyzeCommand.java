package io.faultline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so and exits 3. */
@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Re-check a stored run and rewrite its results and report.")
public final class AnalyzeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("faultline analyze: not available in this build yet");
    return Main.EXIT_HARNESS_FAILED;
  }
}
