package io.faultline.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.node.HostPort;
import io.faultline.node.NodeLog;
import io.faultline.node.clock.NodeClock;
import io.faultline.node.cluster.FreePorts;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real sockets on loopback. Waits are bounded by deadlines, never fixed sleeps. */
class TcpPeerTransportTest {
  private static final NodeLog LOG =
      new NodeLog("test", NodeClock.system(), new PrintStream(OutputStream.nullOutputStream()));

  private record Frame(String from, byte[] payload) {}

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<Integer> ports = FreePorts.allocate(3);

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private HostPort addr(int i) {
    return new HostPort("127.0.0.1", ports.get(i));
  }

  private TcpPeerTransport transport(String id, int listen, Map<String, HostPort> peers, int capacity,
      BlockingQueue<Frame> inbox) throws IOException {
    TcpPeerTransport t = new TcpPeerTransport(id, addr(listen), peers, 8 << 20, capacity, LOG);
    toClose.add(t);
    t.start((from, payload) -> inbox.add(new Frame(from, payload)));
    return t;
  }

  private static void awaitConnected(TcpPeerTransport t, String peer) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!t.isConnected(peer)) {
      assertThat(System.nanoTime()).as("connected to " + peer + " in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void framesArriveInOrderNamingTheSender() throws Exception {
    BlockingQueue<Frame> inboxA = new LinkedBlockingQueue<>();
    BlockingQueue<Frame> inboxB = new LinkedBlockingQueue<>();
    TcpPeerTransport a = transport("n1", 0, Map.of("n1", addr(0), "n2", addr(1)), 50_000, inboxA);
    TcpPeerTransport b = transport("n2", 1, Map.of("n1", addr(0)), 50_000, inboxB);
    awaitConnected(a, "n2");
    for (int i = 0; i < 20_000; i++) {
      assertThat(a.send("n2", new byte[] {(byte) i, (byte) (i >> 8)})).isTrue();
    }
    for (int i = 0; i < 20_000; i++) {
      Frame f = inboxB.poll(10, TimeUnit.SECONDS);
      assertThat(f).isNotNull();
      assertThat(f.from()).isEqualTo("n1");
      assertThat(f.payload()).containsExactly((byte) i, (byte) (i >> 8));
    }
    awaitConnected(b, "n1");
    assertThat(b.send("n1", new byte[] {9})).isTrue();
    assertThat(inboxA.poll(10, TimeUnit.SECONDS).from()).isEqualTo("n2");
    assertThat(a.send("n9", new byte[] {1})).as("unknown peer").isFalse();
  }

  @Test
  void reconnectsAfterThePeerRestarts() throws Exception {
    BlockingQueue<Frame> inbox = new LinkedBlockingQueue<>();
    TcpPeerTransport a = transport("n1", 0, Map.of("n2", addr(1)), 100, new LinkedBlockingQueue<>());
    TcpPeerTransport b = transport("n2", 1, Map.of(), 100, inbox);
    awaitConnected(a, "n2");
    a.send("n2", new byte[] {1});
    assertThat(inbox.poll(10, TimeUnit.SECONDS).payload()).containsExactly(1);
    b.close();
    TcpPeerTransport b2 = transport("n2", 1, Map.of(), 100, inbox);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    Frame got = null;
    while (got == null) {
      assertThat(System.nanoTime()).as("delivered after restart").isLessThan(deadline);
      a.send("n2", new byte[] {2});
      got = inbox.poll(20, TimeUnit.MILLISECONDS);
    }
    assertThat(got.payload()).containsExactly(2);
    assertThat(b2.isConnected("n1")).isFalse();
  }

  /**
   * A proxy closes the connections of a link when a partition on it heals. The sender must
   * reconnect then, not when it next writes: a quiet node would stay cut off after the heal.
   */
  @Test
  void reconnectsAsSoonAsTheFarEndClosesWithoutWaitingForAWrite() throws Exception {
    try (ServerSocket peer = new ServerSocket(ports.get(2), 50, InetAddress.getLoopbackAddress())) {
      peer.setSoTimeout(10_000);
      TcpPeerTransport a = transport("n1", 0, Map.of("n2", addr(2)), 100, new LinkedBlockingQueue<>());
      Socket first = peer.accept();
      awaitConnected(a, "n2");
      first.close(); // what a proxy does on heal; n1 sends nothing from here on
      try (Socket second = peer.accept()) { // times out (and fails) unless n1 reconnects by itself
        assertThat(second.isConnected()).isTrue();
      }
    }
  }

  @Test
  void dropsWhenThePeerIsUnreachable() throws Exception {
    TcpPeerTransport a = transport("n1", 0, Map.of("n2", addr(2)), 100, new LinkedBlockingQueue<>());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (a.send("n2", new byte[] {1})) {
      assertThat(System.nanoTime()).as("drops once a connect failed").isLessThan(deadline);
      Thread.sleep(1);
    }
    assertThat(a.isConnected("n2")).isFalse();
  }

  @Test
  void dropsWhenTheQueueIsFullAndRefusesOversizedFrames() throws Exception {
    try (ServerSocket silent = new ServerSocket(ports.get(1), 8, InetAddress.getLoopbackAddress())) {
      TcpPeerTransport a = transport("n1", 0, Map.of("n2", addr(1)), 2, new LinkedBlockingQueue<>());
      Socket accepted = silent.accept(); // accept, never read: the writer blocks once buffers fill
      toClose.add(accepted);
      awaitConnected(a, "n2");
      assertThat(a.send("n2", new byte[(8 << 20) + 1])).as("over the frame limit").isFalse();
      byte[] big = new byte[4 << 20];
      int accepted0 = 0;
      boolean dropped = false;
      for (int i = 0; i < 200 && !dropped; i++) {
        if (a.send("n2", big)) {
          accepted0++;
        } else {
          dropped = true;
        }
        Thread.sleep(2);
      }
      assertThat(dropped).as("a bounded queue drops when the peer does not drain").isTrue();
      assertThat(accepted0).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void neverWritesOnAnAcceptedConnectionAndChecksTheReceiverId() throws Exception {
    BlockingQueue<Frame> inbox = new LinkedBlockingQueue<>();
    transport("n2", 1, Map.of("n1", addr(0)), 100, inbox);
    try (Socket raw = new Socket("127.0.0.1", ports.get(1))) {
      raw.setSoTimeout(300);
      DataOutputStream out = new DataOutputStream(raw.getOutputStream());
      new Handshake("n1", "n2").writeTo(out);
      out.writeInt(3);
      out.write(new byte[] {7, 8, 9});
      out.flush();
      Frame f = inbox.poll(10, TimeUnit.SECONDS);
      assertThat(f.from()).isEqualTo("n1");
      assertThat(f.payload()).containsExactly(7, 8, 9);
      assertThatThrownBy(() -> raw.getInputStream().read())
          .as("the receiving side sends nothing back")
          .isInstanceOf(SocketTimeoutException.class);
    }
    try (Socket misrouted = new Socket("127.0.0.1", ports.get(1))) {
      misrouted.setSoTimeout(5_000);
      new Handshake("n1", "n3").writeTo(new DataOutputStream(misrouted.getOutputStream()));
      assertThat(new DataInputStream(misrouted.getInputStream()).read()).as("closed").isEqualTo(-1);
    }
  }

  @Test
  void backoffDoublesUpToTheCapAndResets() {
    Backoff b = new Backoff(20, 100);
    assertThat(List.of(b.nextDelayMs(), b.nextDelayMs(), b.nextDelayMs(), b.nextDelayMs())).containsExactly(20L, 40L, 80L, 100L);
    b.reset();
    assertThat(b.nextDelayMs()).isEqualTo(20);
  }
}
