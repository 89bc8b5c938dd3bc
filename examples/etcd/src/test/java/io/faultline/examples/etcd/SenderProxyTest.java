package io.faultline.examples.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-sender forward proxy over real loopback sockets: routing by member port, and its errors. */
class SenderProxyTest {
  private HttpServer upstream;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startUpstream() throws IOException {
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.createContext("/", exchange -> {
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " connection="
          + exchange.getRequestHeaders().getFirst("Connection") + " body="
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    upstream.start();
  }

  @AfterEach
  void stopUpstream() {
    upstream.stop(0);
  }

  @Test
  void forwardsARequestForAMemberPortToThatMembersLinkInOriginForm() throws IOException {
    try (SenderProxy proxy = new SenderProxy("n1", Map.of(40002, upstream.getAddress()), Duration.ofSeconds(5),
        msg -> { })) {
      String response = exchange(proxy.port(), "POST http://localhost.:40002/raft?x=1 HTTP/1.1\r\nHost: localhost.:40002"
          + "\r\nContent-Length: 4\r\nConnection: keep-alive\r\n\r\nping");
      assertThat(response).startsWith("HTTP/1.1 200").contains("Connection: close").endsWith("pong");
      assertThat(seen).containsExactly("POST /raft?x=1 connection=close body=ping");
    }
  }

  @Test
  void unknownMemberPortAndNonProxyRequestsAreRefused() throws IOException {
    List<String> logged = new CopyOnWriteArrayList<>();
    try (SenderProxy proxy = new SenderProxy("n1", Map.of(40002, upstream.getAddress()), Duration.ofSeconds(5),
        logged::add)) {
      assertThat(exchange(proxy.port(), "GET http://localhost.:40009/version HTTP/1.1\r\n\r\n"))
          .startsWith("HTTP/1.1 502").endsWith("no member advertises port 40009");
      assertThat(logged).singleElement().asString().contains("unknown port 40009");
      assertThat(exchange(proxy.port(), "GET /version HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
      assertThat(seen).isEmpty();
    }
  }

  @Test
  void aLinkThatRefusesConnectionsIs502() throws IOException {
    InetSocketAddress closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
    }
    try (SenderProxy proxy = new SenderProxy("n1", Map.of(40003, closed), Duration.ofSeconds(5), msg -> { })) {
      assertThat(exchange(proxy.port(), "GET http://localhost.:40003/version HTTP/1.1\r\n\r\n"))
          .startsWith("HTTP/1.1 502").endsWith("link down");
    }
  }

  private static String exchange(int port, String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
