package io.faultline.http.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How long a normal request takes while many slow clients hold connections open: the figure
 * behind "with 1,000 slow connections open, a normal request is still answered within 1 s".
 *
 * <p>Run against any server: {@code java -cp <jar> io.faultline.http.bench.SlowClientBench
 * HOST:PORT PATH [slow=1000] [requests=200] [wait-seconds=0]}. It times {@code requests} GETs of
 * PATH, each on a new connection (as a status poller makes them) and then on one kept-alive
 * connection (as a client worker makes them), first with no slow clients and then with {@code
 * slow} of them open (a quarter of each {@link SlowClients.Kind}); with {@code wait-seconds}, it
 * then waits that long for the server to close the slow connections and says when it did.
 */
public final class SlowClientBench {
  private SlowClientBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: SlowClientBench HOST:PORT PATH [slow=1000] [requests=200] [wait-seconds=0]");
      System.exit(2);
    }
    int colon = args[0].lastIndexOf(':');
    InetSocketAddress server = new InetSocketAddress(args[0].substring(0, colon), Integer.parseInt(args[0].substring(colon + 1)));
    String path = args[1];
    int slow = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    int requests = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    int waitSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    System.out.printf("slow-client bench: GET http://%s:%d%s, %d slow connections, %d requests per row%n",
        server.getHostString(), server.getPort(), path, slow, requests);
    System.out.printf("%-52s %8s %8s %8s %7s%n", "", "p50 ms", "p99 ms", "max ms", "errors");
    time("no slow clients, a new connection per request", server, path, requests, true);
    time("no slow clients, one kept-alive connection", server, path, requests, false);
    try (SlowClients clients = new SlowClients(server, path)) {
      long start = System.nanoTime();
      for (SlowClients.Kind kind : SlowClients.Kind.values()) {
        clients.add(kind, slow / 4 + (kind.ordinal() < slow % 4 ? 1 : 0));
      }
      System.out.printf("(opened %d slow connections in %.0f ms)%n", clients.size(), (System.nanoTime() - start) / 1e6);
      time(slow + " slow clients, a new connection per request", server, path, requests, true);
      time(slow + " slow clients, one kept-alive connection", server, path, requests, false);
      System.out.printf("slow connections still open after those requests: %d of %d%n", clients.stillOpen(), clients.size());
      if (waitSeconds > 0) {
        List<SlowClients.Closed> closed = clients.awaitClosed(Duration.ofSeconds(waitSeconds));
        Map<SlowClients.Kind, long[]> byKind = new EnumMap<>(SlowClients.Kind.class);
        Map<SlowClients.Kind, String> answers = new EnumMap<>(SlowClients.Kind.class);
        for (SlowClients.Closed c : closed) {
          long[] range = byKind.computeIfAbsent(c.kind(), k -> new long[] {Long.MAX_VALUE, 0, 0});
          range[0] = Math.min(range[0], c.after().toMillis());
          range[1] = Math.max(range[1], c.after().toMillis());
          range[2]++;
          answers.putIfAbsent(c.kind(), c.received().isEmpty() ? "(nothing)" : c.received().lines().findFirst().orElse(""));
        }
        System.out.printf("closed by the server within %d s: %d of %d%n", waitSeconds, closed.size(), clients.size());
        byKind.forEach((kind, r) -> System.out.printf("  %-22s %4d closed after %d-%d ms, answer: %s%n",
            kind, r[2], r[0], r[1], answers.get(kind)));
      }
    }
  }

  private static void time(String label, InetSocketAddress server, String path, int requests, boolean fresh)
      throws IOException {
    long[] nanos = new long[requests];
    int errors = 0;
    RawHttpClient kept = fresh ? null : new RawHttpClient(server, 10_000);
    try {
      for (int i = 0; i < requests; i++) {
        long t0 = System.nanoTime();
        try {
          if (fresh) {
            try (RawHttpClient once = new RawHttpClient(server, 10_000)) {
              once.send("GET", path, null);
            }
          } else {
            kept.send("GET", path, null);
          }
        } catch (IOException e) {
          errors++;
        }
        nanos[i] = System.nanoTime() - t0;
      }
    } finally {
      if (kept != null) {
        kept.close();
      }
    }
    Arrays.sort(nanos);
    System.out.printf("%-52s %8.2f %8.2f %8.2f %7d%n", label, nanos[requests / 2] / 1e6,
        nanos[Math.min(requests - 1, (int) (requests * 0.99))] / 1e6, nanos[requests - 1] / 1e6, errors);
  }
}
