package io.faultline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so and exits 3. */
@Command(name = "toxiproxy", mixinStandardHelpOptions = true, description = "Run the embedded Toxiproxy-compatible server on its own.")
public final class ToxiproxyCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("faultline toxiproxy: not available in this build yet");
    return Main.EXIT_HARNESS_FAILED;
  }
}
