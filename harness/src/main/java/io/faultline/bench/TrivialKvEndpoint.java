package io.faultline.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The cheapest HTTP/1.1 keep-alive endpoint that speaks the KV API's read answer: every request
 * gets {@code 200 {"value":1}}. A thread per connection, so its cost per request is one read and
 * one write. Used to measure the harness, not the system under test.
 */
final class TrivialKvEndpoint implements AutoCloseable {
  private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
      + "Content-Length: 11\r\n\r\n{\"value\":1}").getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket server;

  TrivialKvEndpoint() throws IOException {
    server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "trivial-endpoint-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        Thread t = new Thread(() -> serve(s), "trivial-endpoint-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void serve(Socket s) {
    try (s) {
      InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
      OutputStream out = s.getOutputStream();
      while (true) {
        int contentLength = 0;
        StringBuilder line = new StringBuilder();
        boolean sawHeaderLine = false;
        while (true) { // read the head line by line until the empty line
          int b = in.read();
          if (b < 0) {
            return;
          }
          if (b == '\n') {
            String l = line.toString().trim();
            line.setLength(0);
            if (l.isEmpty()) {
              if (sawHeaderLine) {
                break;
              }
              continue;
            }
            sawHeaderLine = true;
            if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) {
              contentLength = Integer.parseInt(l.substring(15).trim());
            }
          } else {
            line.append((char) b);
          }
        }
        in.skipNBytes(contentLength);
        out.write(RESPONSE);
        out.flush();
      }
    } catch (IOException e) {
      // Client went away.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
