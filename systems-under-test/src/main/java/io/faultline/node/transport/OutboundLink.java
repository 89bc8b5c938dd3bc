package io.faultline.node.transport;

import io.faultline.node.HostPort;
import io.faultline.node.NodeLog;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sending half of one directed link {@code self -> peer}: a bounded queue drained by one
 * thread that connects to the peer's address, writes the handshake, then writes frames — as many
 * queued frames as are waiting, gathered into one buffered write.
 *
 * <p>Frames are queued while the link is connected or on its first attempt after a failure;
 * while it waits out a back-off they are dropped (the peer is unreachable), and a failed
 * connection drops whatever was queued. Frames written into a connection that then breaks are
 * lost: the transport is best-effort, protocols retransmit.
 *
 * <p>The peer never writes on this connection, so a watcher blocks reading it: end of stream means
 * the other end closed it (a proxy does so when a partition on the link heals), and the link
 * reconnects at once. Without it a quiet sender learnt of the close only from the second write
 * after it (the first is answered with a reset): a pre-candidate that writes once per election
 * timeout stayed cut off for one to two seconds after the heal. The watcher wakes the sending
 * thread with a marker frame rather than the sender polling for it: the twenty links of five nodes each
 * waking every few milliseconds would be thousands of wake-ups a second on a small machine, and
 * would shift the timing of every test run on it.
 */
final class OutboundLink implements Runnable {
  private static final int CONNECT_TIMEOUT_MS = 1_000;
  private static final int MAX_BATCH = 1_024;
  /** Queued by the watcher to wake the sender when the connection is over; never written. */
  private static final byte[] WAKE = new byte[0];

  private final String selfId;
  private final String peerId;
  private final HostPort address;
  private final NodeLog log;
  private final ArrayBlockingQueue<byte[]> queue;
  private final Backoff backoff = new Backoff(20, 1_000);
  private volatile boolean accepting = true;
  private volatile boolean connected;
  private volatile boolean closed;
  private volatile Socket socket;

  OutboundLink(String selfId, String peerId, HostPort address, int capacity, NodeLog log) {
    this.selfId = selfId;
    this.peerId = peerId;
    this.address = address;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.log = log;
  }

  boolean offer(byte[] frame) {
    return accepting && !closed && queue.offer(frame);
  }

  boolean isConnected() {
    return connected;
  }

  @Override
  public void run() {
    boolean wasConnected = false;
    while (!closed) {
      try (Socket s = new Socket()) {
        socket = s;
        s.setTcpNoDelay(true);
        s.setSendBufferSize(1 << 20);
        s.connect(address.toSocketAddress(), CONNECT_TIMEOUT_MS);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16));
        new Handshake(selfId, peerId).writeTo(out);
        AtomicBoolean closedByPeer = watchForClose(s);
        connected = true;
        backoff.reset();
        log.info("peer link " + selfId + "->" + peerId + " connected via " + address);
        wasConnected = true;
        pump(out, closedByPeer);
      } catch (IOException e) {
        if (closed) {
          return;
        }
        if (wasConnected) {
          log.warn("peer link " + selfId + "->" + peerId + " lost: " + e.getMessage());
          wasConnected = false;
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        connected = false;
      }
      accepting = false;
      queue.clear();
      try {
        Thread.sleep(backoff.nextDelayMs());
      } catch (InterruptedException e) {
        return;
      }
      accepting = true;
    }
  }

  /** Starts the watcher (see the class comment) for this connection; true once it is over. */
  private AtomicBoolean watchForClose(Socket s) {
    AtomicBoolean over = new AtomicBoolean();
    Thread watcher = new Thread(() -> {
      try {
        while (s.getInputStream().read() >= 0) {
          // the peer sends nothing on this connection; ignore anything that comes anyway
        }
      } catch (IOException e) {
        // reset or closed locally: either way this connection is over
      }
      over.set(true);
      queue.offer(WAKE); // a full queue needs no marker: the sender is awake and checks the flag
    }, "link-watch-" + selfId + "->" + peerId);
    watcher.setDaemon(true);
    watcher.start();
    return over;
  }

  private void pump(DataOutputStream out, AtomicBoolean closedByPeer) throws IOException, InterruptedException {
    List<byte[]> batch = new ArrayList<>(MAX_BATCH);
    while (!closed) {
      if (closedByPeer.get()) {
        throw new IOException("closed by the other end");
      }
      batch.add(queue.take());
      queue.drainTo(batch, MAX_BATCH - 1);
      for (byte[] frame : batch) {
        if (frame != WAKE) {
          out.writeInt(frame.length);
          out.write(frame);
        }
      }
      out.flush();
      batch.clear();
    }
  }

  void close() {
    closed = true;
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
