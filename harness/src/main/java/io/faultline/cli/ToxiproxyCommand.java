package io.faultline.cli;

import io.faultline.proxy.ToxiproxyServer;
import io.faultline.proxy.api.ProxyRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code faultline toxiproxy}: runs the embedded Toxiproxy-compatible server on its own, like the
 * real {@code toxiproxy-server} binary (same defaults: localhost:8474, optional {@code --config}
 * file of proxies in /populate form), until interrupted.
 */
@Command(
    name = "toxiproxy",
    mixinStandardHelpOptions = true,
    description = "Run the embedded Toxiproxy-compatible server on its own (until Ctrl-C).")
public final class ToxiproxyCommand implements Callable<Integer> {
  @Option(names = "--host", description = "Address the API listens on (default: ${DEFAULT-VALUE}).")
  String host = "localhost";

  @Option(names = "--port", description = "API port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port = 8474;

  @Option(names = "--config", description = "JSON array of proxies to create at start-up (the /populate format).")
  Path config;

  @Option(names = "--seed", description = "Seed for toxicity rolls and jitter (default: random).")
  Long seed;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      System.err.println("faultline toxiproxy: --port must be between 0 and 65535, got " + port);
      return Main.EXIT_HARNESS_FAILED;
    }
    byte[] proxies = null;
    if (config != null) {
      try {
        proxies = Files.readAllBytes(config);
      } catch (IOException e) {
        System.err.println("faultline toxiproxy: cannot read --config " + config + ": " + e.getMessage());
        return Main.EXIT_HARNESS_FAILED;
      }
    }
    ToxiproxyServer server;
    try {
      server = ToxiproxyServer.start(host, port, seed != null ? seed : new SplittableRandom().nextLong());
    } catch (UncheckedIOException e) {
      System.err.println("faultline toxiproxy: " + e.getMessage());
      return Main.EXIT_HARNESS_FAILED;
    }
    if (proxies != null) {
      String problem = populate(server, proxies);
      if (problem != null) {
        server.close();
        System.err.println("faultline toxiproxy: --config " + config + ": " + problem);
        return Main.EXIT_HARNESS_FAILED;
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    System.out.println("Toxiproxy-compatible API listening on " + server.url() + " (Ctrl-C stops it)");
    System.out.flush();
    stopped.await();
    return Main.EXIT_VALID;
  }

  private static String populate(ToxiproxyServer server, byte[] proxies) {
    try {
      ProxyRegistry.PopulateResult result = server.populate(proxies);
      return result.error() == null ? null : result.error().getMessage();
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }
}
