package io.faultline.proxy.bench;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.faultline.proxy.ToxiproxyServer;

/**
 * Measures what the embedded Toxiproxy server costs with no toxics: added latency per round trip
 * (ping-pong of small messages) and throughput, for one connection and for many concurrent ones,
 * each against a direct connection to the same upstream. Loopback only. Prints a table; see
 * harness/TOXIPROXY.md for the command and recorded figures.
 *
 * <p>Usage: {@code ProxyBenchmark [rounds=20000] [connections=200] [seconds=5] [megabytes=512]}
 */
public final class ProxyBenchmark {
  private ProxyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = arg(args, 0, 20_000);
    int connections = arg(args, 1, 200);
    int seconds = arg(args, 2, 5);
    long bytes = arg(args, 3, 512) * 1_000_000L;
    int size = 64;

    try (BenchServers servers = new BenchServers();
        ToxiproxyServer server = ToxiproxyServer.start("127.0.0.1", 0, 1)) {
      ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
      int echoProxy = port(client.createProxy("echo", "127.0.0.1:0", "127.0.0.1:" + servers.echoPort()));
      int sinkProxy = port(client.createProxy("sink", "127.0.0.1:0", "127.0.0.1:" + servers.sinkPort()));

      System.out.printf("Embedded Toxiproxy benchmark: loopback, no toxics, %d cores, %s%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

      // warm-up, so the JIT has compiled both paths before anything is measured
      Measurements.pingPong(servers.echoPort(), rounds / 4, size);
      Measurements.pingPong(echoProxy, rounds / 4, size);
      Measurements.throughput(servers.sinkPort(), bytes / 8);
      Measurements.throughput(sinkProxy, bytes / 8);

      System.out.printf("%nPing-pong, 1 connection, %d round trips of %d bytes (microseconds)%n", rounds, size);
      Measurements.Latencies direct = Measurements.pingPong(servers.echoPort(), rounds, size);
      Measurements.Latencies proxied = Measurements.pingPong(echoProxy, rounds, size);
      latencyTable(direct, proxied);

      System.out.printf("%nThroughput, 1 connection, %d MB one way (MB/s, 1 MB = 10^6 bytes)%n", bytes / 1_000_000);
      double directMbs = Measurements.throughput(servers.sinkPort(), bytes);
      double proxiedMbs = Measurements.throughput(sinkProxy, bytes);
      throughputTable(directMbs, proxiedMbs);

      System.out.printf("%nPing-pong, %d concurrent connections, %d s (microseconds)%n", connections, seconds);
      direct = Measurements.concurrentPingPong(servers.echoPort(), connections, size, seconds);
      proxied = Measurements.concurrentPingPong(echoProxy, connections, size, seconds);
      latencyTable(direct, proxied);

      System.out.printf("%nThroughput, %d concurrent connections, %d s (MB/s total)%n", connections, seconds);
      directMbs = Measurements.concurrentThroughput(servers.sinkPort(), servers, connections, seconds);
      proxiedMbs = Measurements.concurrentThroughput(sinkProxy, servers, connections, seconds);
      throughputTable(directMbs, proxiedMbs);
    }
  }

  private static void latencyTable(Measurements.Latencies direct, Measurements.Latencies proxied) {
    System.out.printf("  %-9s %9s %9s %9s %14s%n", "", "p50", "p99", "mean", "round trips/s");
    row("direct", direct);
    row("proxied", proxied);
    System.out.printf("  %-9s %9.1f %9.1f %9.1f%n", "added",
        proxied.p50() - direct.p50(), proxied.p99() - direct.p99(), proxied.mean() - direct.mean());
  }

  private static void row(String name, Measurements.Latencies l) {
    System.out.printf("  %-9s %9.1f %9.1f %9.1f %14.0f%n", name, l.p50(), l.p99(), l.mean(), l.perSecond());
  }

  private static void throughputTable(double direct, double proxied) {
    System.out.printf("  direct  %9.1f%n  proxied %9.1f  (%.0f%% of direct)%n", direct, proxied, 100 * proxied / direct);
  }

  private static int port(Proxy proxy) {
    String listen = proxy.getListen();
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }

  private static int arg(String[] args, int index, int fallback) {
    if (args.length <= index) {
      return fallback;
    }
    try {
      return Integer.parseInt(args[index]);
    } catch (NumberFormatException e) {
      System.err.println("ProxyBenchmark: argument " + (index + 1) + " must be an integer, got '" + args[index] + "'");
      System.exit(3);
      return fallback;
    }
  }
}
