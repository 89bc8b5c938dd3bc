package io.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections live on several event loops while the API runs on one: changes made while clients
 * are still being accepted and dialed must reach every connection, none may slip through.
 */
class ConcurrencyIT {
  private static ToxiproxyServer server;
  private static EchoServer echo;
  private static ToxiproxyClient client;

  @BeforeAll
  static void start() throws IOException {
    echo = new EchoServer();
    server = ToxiproxyServer.start("127.0.0.1", 0, 9);
    client = new ToxiproxyClient(server.host(), server.port());
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    echo.close();
  }

  @Test
  void aToxicAddedWhileClientsConnectReachesEveryOneOfThem() throws IOException {
    Proxy proxy = client.createProxy("race-toxic", "127.0.0.1:0", echo.address());
    for (int round = 0; round < 5; round++) {
      List<TcpClient> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 20; i++) {
          clients.add(new TcpClient(proxy.getListen()));
        }
        proxy.toxics().timeout("hole", ToxicDirection.UPSTREAM, 0);
        for (TcpClient c : clients) {
          c.send("x");
        }
        for (TcpClient c : clients) {
          assertThat(c.silentFor(50)).isTrue();
        }
        proxy.toxics().get("hole").remove();
        for (TcpClient c : clients) {
          assertThat(c.readToEof()).isEmpty(); // removal closes every one of them
        }
      } finally {
        for (TcpClient c : clients) {
          c.close();
        }
      }
    }
    proxy.delete();
  }

  @Test
  void disablingWhileClientsConnectLeavesNoneAlive() throws IOException {
    Proxy proxy = client.createProxy("race-disable", "127.0.0.1:0", echo.address());
    for (int round = 0; round < 5; round++) {
      List<TcpClient> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 20; i++) {
          clients.add(new TcpClient(proxy.getListen()));
        }
        proxy.disable();
        for (TcpClient c : clients) {
          assertClosed(c);
        }
        proxy.enable();
      } finally {
        for (TcpClient c : clients) {
          c.close();
        }
      }
    }
    proxy.delete();
  }

  /**
   * Closed one way or the other: a client the proxy had accepted sees EOF; one still waiting in the
   * listener's kernel backlog when the listener closes is reset by the kernel (as with the real
   * server). Either way it must not stay open.
   */
  private static void assertClosed(TcpClient c) throws IOException {
    try {
      assertThat(c.readToEof()).isEmpty();
    } catch (java.net.SocketException e) {
      assertThat(e.getMessage()).containsIgnoringCase("reset");
    }
  }
}
