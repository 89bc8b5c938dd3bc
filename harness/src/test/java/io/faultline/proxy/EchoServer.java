package io.faultline.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real upstream for tests: echoes every byte back, records the size and time of each read it
 * gets (so tests can see how a toxic sliced the upstream stream) and closes the connection when it
 * reads the byte {@code 'Q'} (so tests can make the upstream side close). Loopback only.
 */
public final class EchoServer implements AutoCloseable {
  /** One read as the upstream saw it. */
  public record Read(long nanos, int length) {}

  private final ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Read> reads = new CopyOnWriteArrayList<>();
  private final List<Long> eofs = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  public EchoServer() throws IOException {
    server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "echo-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public String address() {
    return "127.0.0.1:" + port();
  }

  public int accepted() {
    return accepted.get();
  }

  public List<Read> reads() {
    return reads;
  }

  /** Times at which a connection's input ended (EOF or reset), in System.nanoTime. */
  public List<Long> eofs() {
    return eofs;
  }

  public void clear() {
    reads.clear();
    eofs.clear();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        accepted.incrementAndGet();
        sockets.add(socket);
        Thread t = new Thread(() -> echo(socket), "echo");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void echo(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        reads.add(new Read(System.nanoTime(), n));
        boolean quit = false;
        for (int i = 0; i < n; i++) {
          quit |= buffer[i] == 'Q';
        }
        if (quit) {
          return;
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // reset by the proxy: counts as the end below
    } finally {
      eofs.add(System.nanoTime());
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
