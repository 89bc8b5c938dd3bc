package io.faultline.proxy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Upstreams for the benchmark, one thread per connection on loopback: an echo server for
 * ping-pong, and a sink that counts what it receives. The proxy has no half-close (like the real
 * one), so the sink cannot wait for EOF: a client announces its byte count in an 8-byte header
 * (-1: stream until closed) and the sink answers one byte once it has them all.
 */
final class BenchServers implements AutoCloseable {
  private final ServerSocket echo;
  private final ServerSocket sink;
  final AtomicLong sunk = new AtomicLong();

  BenchServers() throws IOException {
    echo = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
    sink = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
    daemon(() -> acceptLoop(echo, BenchServers::echo), "bench-echo");
    daemon(() -> acceptLoop(sink, this::sink), "bench-sink");
  }

  int echoPort() {
    return echo.getLocalPort();
  }

  int sinkPort() {
    return sink.getLocalPort();
  }

  private interface Conversation {
    void run(Socket socket) throws IOException;
  }

  private static void acceptLoop(ServerSocket server, Conversation conversation) {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        daemon(
            () -> {
              try (socket) {
                conversation.run(socket);
              } catch (IOException ignored) {
                // the client went away
              }
            },
            "bench-conn");
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void echo(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) > 0) {
      out.write(buffer, 0, n);
    }
  }

  private void sink(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] header = in.readNBytes(8);
    if (header.length < 8) {
      return;
    }
    long expected = java.nio.ByteBuffer.wrap(header).getLong();
    byte[] buffer = new byte[64 * 1024];
    long received = 0;
    int n;
    while ((expected < 0 || received < expected) && (n = in.read(buffer)) > 0) {
      received += n;
      sunk.addAndGet(n);
    }
    socket.getOutputStream().write(1);
    socket.getOutputStream().flush();
    in.read(); // wait for the client to close
  }

  static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    echo.close();
    sink.close();
  }
}
