package io.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official toxiproxy-java client's whole API against the embedded server. */
class ToxiproxyClientIT {
  private static ToxiproxyServer server;
  private static EchoServer echo;
  private static ToxiproxyClient client;

  @BeforeAll
  static void start() throws IOException {
    echo = new EchoServer();
    server = ToxiproxyServer.start("127.0.0.1", 0, 42);
    client = new ToxiproxyClient(server.host(), server.port());
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    echo.close();
  }

  @AfterEach
  void deleteAll() throws IOException {
    for (Proxy proxy : client.getProxies()) {
      proxy.delete();
    }
  }

  @Test
  void versionIsTheRawBodyOfA212Server() throws IOException {
    assertThat(client.version()).isEqualTo("{\"version\": \"2.12.0\"}");
  }

  @Test
  void createGetListDelete() throws IOException {
    Proxy created = client.createProxy("redis", "127.0.0.1:0", echo.address());
    assertThat(created.getName()).isEqualTo("redis");
    assertThat(created.isEnabled()).isTrue();
    assertThat(created.getListen()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:0");
    assertThat(created.getUpstream()).isEqualTo(echo.address());

    Proxy fetched = client.getProxy("redis");
    assertThat(fetched.getListen()).isEqualTo(created.getListen());
    client.createProxy("n1->n2", "localhost:0", echo.address());
    assertThat(client.getProxies()).extracting(Proxy::getName).containsExactlyInAnyOrder("redis", "n1->n2");
    assertThat(client.getProxy("n1->n2").getListen()).startsWith("127.0.0.1:");

    try (TcpClient tcp = new TcpClient(created.getListen())) {
      assertThat(tcp.roundTripMillis("ping")).isLessThan(1_000);
    }

    created.delete();
    assertThat(client.getProxyOrNull("redis")).isNull();
    assertThatThrownBy(() -> client.getProxy("redis")).hasMessage("[404] proxy not found");
    assertThatThrownBy(created::delete).isInstanceOf(IOException.class);
  }

  @Test
  void duplicateProxyIs409() throws IOException {
    client.createProxy("dup", "127.0.0.1:0", echo.address());
    assertThatThrownBy(() -> client.createProxy("dup", "127.0.0.1:0", echo.address()))
        .isInstanceOf(IOException.class)
        .hasMessage("[409] proxy already exists");
  }

  @Test
  void disableRefusesAndClosesLiveConnectionsEnableRebindsTheSamePort() throws IOException {
    Proxy proxy = client.createProxy("flappy", "127.0.0.1:0", echo.address());
    String listen = proxy.getListen();
    try (TcpClient live = new TcpClient(listen)) {
      live.roundTripMillis("hi");
      proxy.disable();
      assertThat(proxy.isEnabled()).isFalse();
      assertThat(live.readToEof()).isEmpty();
    }
    assertThatThrownBy(() -> new TcpClient(listen)).isInstanceOf(ConnectException.class);
    proxy.enable();
    assertThat(proxy.getListen()).isEqualTo(listen);
    try (TcpClient again = new TcpClient(listen)) {
      assertThat(again.roundTripMillis("back")).isLessThan(1_000);
    }
  }

  @Test
  void setUpstreamAndSetListenRestartTheProxy() throws IOException {
    Proxy proxy = client.createProxy("moving", "127.0.0.1:0", "127.0.0.1:1");
    try (TcpClient dead = new TcpClient(proxy.getListen())) {
      // upstream unreachable: accepted, then closed at once
      assertThat(dead.readToEof()).isEmpty();
    }
    proxy.setUpstream(echo.address());
    assertThat(client.getProxy("moving").getUpstream()).isEqualTo(echo.address());
    String oldListen = proxy.getListen();
    try (TcpClient live = new TcpClient(oldListen)) {
      live.roundTripMillis("a");
      proxy.setListen("127.0.0.1:0");
      assertThat(live.readToEof()).isEmpty(); // re-pointing closes live connections
    }
    String newListen = client.getProxy("moving").getListen();
    assertThat(newListen).isNotEqualTo(oldListen);
    try (TcpClient moved = new TcpClient(newListen)) {
      moved.roundTripMillis("b");
    }
  }

  @Test
  void everyToxicTypeCanBeAddedReadUpdatedAndRemoved() throws IOException {
    Proxy proxy = client.createProxy("toxic", "127.0.0.1:0", echo.address());
    Latency latency = proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 100);
    Bandwidth bandwidth = proxy.toxics().bandwidth("bw", ToxicDirection.UPSTREAM, 1000);
    SlowClose slowClose = proxy.toxics().slowClose("sc", ToxicDirection.DOWNSTREAM, 10);
    Timeout timeout = proxy.toxics().timeout("to", ToxicDirection.UPSTREAM, 5000);
    Slicer slicer = proxy.toxics().slicer("sl", ToxicDirection.DOWNSTREAM, 100, 10);
    LimitData limitData = proxy.toxics().limitData("ld", ToxicDirection.UPSTREAM, 10_000);
    ResetPeer resetPeer = proxy.toxics().resetPeer("rp", ToxicDirection.DOWNSTREAM, 50);

    // listing: upstream toxics in insertion order, then downstream ones
    assertThat(proxy.toxics().getAll())
        .extracting(Toxic::getName)
        .containsExactly("bw", "to", "ld", "lat", "sc", "sl", "rp");

    // each setter sends one attribute; the server must merge, not replace
    latency.setJitter(25);
    Latency l = proxy.toxics().get("lat", Latency.class);
    assertThat(l.getLatency()).isEqualTo(100);
    assertThat(l.getJitter()).isEqualTo(25);
    latency.setLatency(7);
    l = proxy.toxics().get("lat", Latency.class);
    assertThat(l.getLatency()).isEqualTo(7);
    assertThat(l.getJitter()).isEqualTo(25);
    assertThat(l.getStream()).isEqualTo(ToxicDirection.DOWNSTREAM);

    slicer.setSizeVariation(20);
    slicer.setDelay(5);
    slicer.setAverageSize(200);
    Slicer s = proxy.toxics().get("sl", Slicer.class);
    assertThat(List.of(s.getAverageSize(), s.getSizeVariation(), s.getDelay())).containsExactly(200L, 20L, 5L);

    bandwidth.setRate(5);
    assertThat(proxy.toxics().get("bw", Bandwidth.class).getRate()).isEqualTo(5);
    slowClose.setDelay(20);
    assertThat(proxy.toxics().get("sc", SlowClose.class).getDelay()).isEqualTo(20);
    timeout.setTimeout(6000);
    assertThat(proxy.toxics().get("to", Timeout.class).getTimeout()).isEqualTo(6000);
    limitData.setBytes(20_000);
    assertThat(proxy.toxics().get("ld", LimitData.class).getBytes()).isEqualTo(20_000);
    resetPeer.setTimeout(60);
    assertThat(proxy.toxics().get("rp", ResetPeer.class).getTimeout()).isEqualTo(60);

    resetPeer.setToxicity(0.5f);
    assertThat(proxy.toxics().get("rp").getToxicity()).isEqualTo(0.5f);
    assertThat(proxy.toxics().get("bw").getStream()).isEqualTo(ToxicDirection.UPSTREAM);

    for (Toxic toxic : proxy.toxics().getAll()) {
      toxic.remove();
    }
    assertThat(proxy.toxics().getAll()).isEmpty();
    assertThatThrownBy(() -> proxy.toxics().get("lat")).hasMessage("[404] toxic not found");
  }

  @Test
  void toxicErrorsCarryTheRealMessages() throws IOException {
    Proxy proxy = client.createProxy("errs", "127.0.0.1:0", echo.address());
    proxy.toxics().latency("same", ToxicDirection.DOWNSTREAM, 1);
    assertThatThrownBy(() -> proxy.toxics().latency("same", ToxicDirection.DOWNSTREAM, 1))
        .hasMessage("[409] toxic already exists");
    // names are unique per proxy across both streams
    assertThatThrownBy(() -> proxy.toxics().timeout("same", ToxicDirection.UPSTREAM, 1))
        .hasMessage("[409] toxic already exists");
    assertThatThrownBy(() -> proxy.toxics().bandwidth("neg", ToxicDirection.DOWNSTREAM, -1))
        .hasMessageStartingWith("[400] invalid attribute rate");
    assertThatThrownBy(() -> proxy.toxics().slicer("zero", ToxicDirection.DOWNSTREAM, 0, 1))
        .hasMessageStartingWith("[400] invalid attribute average_size");
    proxy.delete();
    assertThatThrownBy(() -> proxy.toxics().latency("x", ToxicDirection.DOWNSTREAM, 1))
        .hasMessage("[404] proxy not found");
  }

  @Test
  void resetEnablesEveryProxyAndRemovesAllToxics() throws IOException {
    // A fresh client: reset() re-reads every Proxy object a client handed out and fails on ones
    // deleted meanwhile (real client behaviour, documented in toxiproxy-api.md section 6).
    ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
    Proxy a = client.createProxy("a", "127.0.0.1:0", echo.address());
    Proxy b = client.createProxy("b", "127.0.0.1:0", echo.address());
    a.toxics().latency("lat", ToxicDirection.UPSTREAM, 1000);
    b.toxics().bandwidth("cut", ToxicDirection.DOWNSTREAM, 0);
    b.disable();
    client.reset();
    assertThat(client.getProxy("b").isEnabled()).isTrue();
    assertThat(a.toxics().getAll()).isEmpty();
    assertThat(b.toxics().getAll()).isEmpty();
    try (TcpClient tcp = new TcpClient(client.getProxy("b").getListen())) {
      assertThat(tcp.roundTripMillis("after reset")).isLessThan(900); // the 1000 ms toxic is gone
    }
  }
}
