package io.faultline.net;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.faultline.proxy.ToxiproxyServer;
import io.faultline.runtime.NodeSpec.Address;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets through the embedded Toxiproxy server, driven by the toxiproxy-java client. */
class ToxiproxyNetTest {
  private ToxiproxyServer server;
  private ServerSocket upstreamA;
  private ServerSocket upstreamB;
  private ToxiproxyNet net;
  private Address aToB;
  private Address bToA;

  @BeforeEach
  void setUp() throws IOException {
    server = ToxiproxyServer.start("127.0.0.1", 0);
    upstreamA = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    upstreamB = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    net = new ToxiproxyNet(new ToxiproxyClient(server.host(), server.port()));
    aToB = Address.parse(net.createLink("a", "b", "127.0.0.1:0", "127.0.0.1:" + upstreamB.getLocalPort()));
    bToA = Address.parse(net.createLink("b", "a", "127.0.0.1:0", "127.0.0.1:" + upstreamA.getLocalPort()));
  }

  @AfterEach
  void tearDown() throws IOException {
    server.close();
    upstreamA.close();
    upstreamB.close();
  }

  @Test
  void aGrudgeCutsExactlyTheDirectionItNamesAndHealRestoresIt() throws IOException {
    // b cannot hear a: what a sends to b is dropped, what b sends to a still arrives.
    net.partition(new Grudge(Map.of("b", java.util.Set.of("a"))));
    assertThat(net.cutLinks()).containsExactly("a-to-b");
    assertThat(delivers(aToB, upstreamB)).isFalse();
    assertThat(delivers(bToA, upstreamA)).isTrue();
    net.heal();
    assertThat(net.cutLinks()).isEmpty();
    assertThat(delivers(aToB, upstreamB)).isTrue();
  }

  @Test
  void aNewGrudgeReplacesTheOldOne() throws IOException {
    net.partition(new Grudge(Map.of("b", java.util.Set.of("a"))));
    net.partition(new Grudge(Map.of("a", java.util.Set.of("b"))));
    assertThat(net.cutLinks()).isEqualTo(List.of("b-to-a"));
  }

  @Test
  void unevenLatencySlowsOnlyTheLinksItNames() throws IOException {
    net.slowEach(Map.of("a->b", 300L), 5);
    assertThat(deliveryMillis(aToB, upstreamB)).isGreaterThanOrEqualTo(290);
    assertThat(deliveryMillis(bToA, upstreamA)).isLessThan(150);
    net.heal();
    assertThat(deliveryMillis(aToB, upstreamB)).isLessThan(150);
  }

  @Test
  void partitionAndLatencyHealIndependentlyBecauseTheirSchedulesOverlap() throws IOException {
    net.slow(300, 5);
    net.partition(new Grudge(Map.of("b", java.util.Set.of("a"))));
    net.healPartition();
    assertThat(net.cutLinks()).isEmpty();
    assertThat(deliveryMillis(aToB, upstreamB)).isGreaterThanOrEqualTo(290); // still slow

    net.partition(new Grudge(Map.of("b", java.util.Set.of("a"))));
    net.healLatency();
    assertThat(net.cutLinks()).containsExactly("a-to-b"); // still cut
    assertThat(deliveryMillis(bToA, upstreamA)).isLessThan(150);
  }

  private static long deliveryMillis(Address proxy, ServerSocket upstream) throws IOException {
    long start = System.nanoTime();
    assertThat(delivers(proxy, upstream)).isTrue();
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Connects through the proxy, sends a byte and reports whether the upstream received it in time. */
  private static boolean delivers(Address proxy, ServerSocket upstream) throws IOException {
    upstream.setSoTimeout(2_000);
    try (Socket client = new Socket(proxy.host(), proxy.port())) {
      client.getOutputStream().write(42);
      client.getOutputStream().flush();
      try (Socket accepted = upstream.accept()) {
        accepted.setSoTimeout(500);
        InputStream in = accepted.getInputStream();
        try {
          return in.read() == 42;
        } catch (SocketTimeoutException e) {
          return false;
        }
      }
    }
  }
}
