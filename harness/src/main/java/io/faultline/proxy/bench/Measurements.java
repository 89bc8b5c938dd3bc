package io.faultline.proxy.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The three measurements, each run the same way against a direct and a proxied port. */
final class Measurements {
  private Measurements() {}

  /** Latency percentiles of round trips, in microseconds, and how many were done per second. */
  record Latencies(double p50, double p99, double mean, double perSecond) {
    static Latencies of(long[] nanos, double seconds) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      double mean = Arrays.stream(sorted).average().orElse(0) / 1e3;
      return new Latencies(
          sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3, mean, nanos.length / seconds);
    }
  }

  static Socket connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    return socket;
  }

  /** {@code rounds} sequential round trips of {@code size}-byte messages on one connection. */
  static Latencies pingPong(int port, int rounds, int size) throws IOException {
    try (Socket socket = connect(port)) {
      long[] samples = new long[rounds];
      long start = System.nanoTime();
      roundTrips(socket, size, samples, rounds, null);
      return Latencies.of(samples, (System.nanoTime() - start) / 1e9);
    }
  }

  private static int roundTrips(Socket socket, int size, long[] samples, int max, AtomicBoolean stop)
      throws IOException {
    byte[] message = new byte[size];
    byte[] reply = new byte[size];
    OutputStream out = socket.getOutputStream();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    int done = 0;
    while (done < max && (stop == null || !stop.get())) {
      long t0 = System.nanoTime();
      out.write(message);
      in.readFully(reply);
      samples[done++] = System.nanoTime() - t0;
    }
    return done;
  }

  /** MB/s (10^6 bytes) moving {@code bytes} one way through one connection to the sink. */
  static double throughput(int sinkPort, long bytes) throws IOException {
    try (Socket socket = connect(sinkPort)) {
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[64 * 1024];
      long start = System.nanoTime();
      out.write(ByteBuffer.allocate(8).putLong(bytes).array());
      for (long sent = 0; sent < bytes; sent += buffer.length) {
        out.write(buffer, 0, (int) Math.min(buffer.length, bytes - sent));
      }
      if (socket.getInputStream().read() != 1) {
        throw new IOException("sink did not acknowledge");
      }
      return bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
    }
  }

  /** Many connections doing ping-pong at once for {@code seconds}; latencies over all of them. */
  static Latencies concurrentPingPong(int port, int connections, int size, double seconds) throws Exception {
    List<Socket> sockets = open(port, connections);
    AtomicBoolean stop = new AtomicBoolean();
    long[][] samples = new long[connections][1_000_000];
    int[] counts = new int[connections];
    CountDownLatch done = new CountDownLatch(connections);
    for (int i = 0; i < connections; i++) {
      int c = i;
      BenchServers.daemon(() -> {
        try {
          counts[c] = roundTrips(sockets.get(c), size, samples[c], samples[c].length, stop);
        } catch (IOException e) {
          System.err.println("connection " + c + ": " + e.getMessage());
        } finally {
          done.countDown();
        }
      }, "bench-client");
    }
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    done.await();
    close(sockets);
    long[] all = new long[Arrays.stream(counts).sum()];
    int at = 0;
    for (int i = 0; i < connections; i++) {
      System.arraycopy(samples[i], 0, all, at, counts[i]);
      at += counts[i];
    }
    return Latencies.of(all, seconds);
  }

  /** Many connections streaming to the sink at once for {@code seconds}: total MB/s received. */
  static double concurrentThroughput(int sinkPort, BenchServers servers, int connections, double seconds)
      throws Exception {
    List<Socket> sockets = open(sinkPort, connections);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong ignored = new AtomicLong();
    for (Socket socket : sockets) {
      BenchServers.daemon(() -> {
        byte[] buffer = new byte[16 * 1024];
        try {
          OutputStream out = socket.getOutputStream();
          out.write(ByteBuffer.allocate(8).putLong(-1).array());
          while (!stop.get()) {
            out.write(buffer);
          }
        } catch (IOException e) {
          ignored.incrementAndGet(); // closed at the end of the run
        }
      }, "bench-writer");
    }
    Thread.sleep(500); // let every connection get going
    long before = servers.sunk.get();
    long t0 = System.nanoTime();
    Thread.sleep((long) (seconds * 1000));
    long moved = servers.sunk.get() - before;
    double elapsed = (System.nanoTime() - t0) / 1e9;
    stop.set(true);
    close(sockets);
    return moved / elapsed / 1e6;
  }

  private static List<Socket> open(int port, int n) throws IOException {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sockets.add(connect(port));
    }
    return sockets;
  }

  private static void close(List<Socket> sockets) {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // best effort
      }
    }
  }
}
