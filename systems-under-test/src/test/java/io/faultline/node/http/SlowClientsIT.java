package io.faultline.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.http.bench.SlowClients;
import io.faultline.node.cluster.LocalCluster;
import io.faultline.node.cluster.NodeClient;
import io.faultline.node.kv.KvCodec;
import io.faultline.node.testing.TestClusters;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node process with 1,000 slow clients connected (a quarter each: silent, half a request
 * line, a head without its end, a body shorter than its Content-Length): client requests and
 * status polls are still answered, and after the read timeout the node has closed every slow
 * connection. The latencies are printed (the goal: within 1 s); only their arrival is asserted,
 * which a loaded machine cannot break.
 */
class SlowClientsIT {
  private static final int SLOW = 1_000;
  private static final int READ_TIMEOUT_MS = 10_000;

  @Test
  void aThousandSlowClientsDelayNobodyAndAreClosedAfterTheReadTimeout(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster = TestClusters.start("naive", 1, dir, "--http-read-timeout-ms", String.valueOf(READ_TIMEOUT_MS));
        SlowClients slow = new SlowClients(new InetSocketAddress("127.0.0.1", cluster.clientPort("n1")), "/kv/slow")) {
      int port = cluster.clientPort("n1");
      for (SlowClients.Kind kind : SlowClients.Kind.values()) {
        slow.add(kind, SLOW / 4);
      }
      long[] fresh = new long[20];
      long[] kept = new long[20];
      try (NodeClient worker = new NodeClient("127.0.0.1", port, 10_000)) {
        for (int i = 0; i < fresh.length; i++) {
          long t0 = System.nanoTime();
          try (NodeClient poller = new NodeClient("127.0.0.1", port, 10_000)) {
            assertThat(poller.status().status()).isEqualTo(200);
          }
          fresh[i] = System.nanoTime() - t0;
          t0 = System.nanoTime();
          assertThat(worker.put("k" + i, KvCodec.JSON.readTree(String.valueOf(i))).status()).isEqualTo(200);
          kept[i] = System.nanoTime() - t0;
        }
      }
      int open = slow.stillOpen();
      System.out.printf("SlowClientsIT: with %d slow connections open: status poll on a new connection p50 %.1f ms, "
          + "max %.1f ms; put on a kept-alive connection p50 %.1f ms, max %.1f ms; slow ones still open: %d%n",
          SLOW, median(fresh), max(fresh), median(kept), max(kept), open);
      assertThat(open).as("answered while the slow clients were connected (the timeout is %d ms)", READ_TIMEOUT_MS)
          .isEqualTo(SLOW);

      List<SlowClients.Closed> closed = slow.awaitClosed(Duration.ofSeconds(60));
      assertThat(closed).hasSize(SLOW);
      assertThat(closed).allSatisfy(c -> assertThat(c.after()).isGreaterThanOrEqualTo(Duration.ofMillis(READ_TIMEOUT_MS)));
      assertThat(closed.stream().filter(c -> c.received().startsWith("HTTP/1.1 408 "))).hasSize(SLOW * 3 / 4);
      try (NodeClient after = new NodeClient("127.0.0.1", port, 10_000)) {
        assertThat(after.get("k19").value().asInt()).isEqualTo(19);
      }
    }
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }

  private static double max(long[] nanos) {
    return Arrays.stream(nanos).max().orElse(0) / 1e6;
  }
}
