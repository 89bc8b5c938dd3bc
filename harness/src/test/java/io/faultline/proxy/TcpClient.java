package io.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A blocking loopback client for tests, with reads that time out instead of hanging. */
public final class TcpClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;

  public TcpClient(String hostPort) throws IOException {
    int colon = hostPort.lastIndexOf(':');
    socket = new Socket();
    socket.connect(
        new InetSocketAddress("127.0.0.1", Integer.parseInt(hostPort.substring(colon + 1))), 2_000);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(5_000);
    in = new DataInputStream(socket.getInputStream());
  }

  public void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  public void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  public String read(int n) throws IOException {
    return new String(readBytes(n), StandardCharsets.UTF_8);
  }

  public byte[] readBytes(int n) throws IOException {
    byte[] data = new byte[n];
    in.readFully(data);
    return data;
  }

  /** Round trip through an echo upstream, in milliseconds. */
  public double roundTripMillis(String text) throws IOException {
    long start = System.nanoTime();
    send(text);
    assertThat(read(text.length())).isEqualTo(text);
    return (System.nanoTime() - start) / 1e6;
  }

  /** True if nothing arrives within {@code millis} and the connection is still open. */
  public boolean silentFor(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("connection was closed, expected it to stay open");
      }
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(5_000);
    }
  }

  /** Reads until EOF (returns -1) and gives the bytes read before it; fails on timeout. */
  public byte[] readToEof() throws IOException {
    return in.readAllBytes();
  }

  public InputStream input() {
    return in;
  }

  public Socket socket() {
    return socket;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
