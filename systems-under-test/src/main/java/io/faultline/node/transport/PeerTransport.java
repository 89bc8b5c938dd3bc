package io.faultline.node.transport;

import java.io.IOException;

/**
 * Framed binary messages between nodes over TCP. Every frame carries the sender's node id: links
 * run through proxies, so a peer is never inferred from a socket address.
 *
 * <p>Sending never blocks and never queues without bound: each peer has a bounded outbound queue,
 * and messages to an unreachable peer (or beyond the bound) are dropped — consensus protocols
 * retransmit. Connections are re-established with backoff.
 */
public interface PeerTransport extends AutoCloseable {

  /** Receives whole frames; called on transport threads, must not block for long. */
  @FunctionalInterface
  interface Receiver {
    void receive(String fromNodeId, byte[] payload);
  }

  /** Starts listening on the peer address and connecting to peers; delivers frames to {@code receiver}. */
  void start(Receiver receiver) throws IOException;

  /** Queues {@code payload} for {@code peerId}; returns false when it was dropped. */
  boolean send(String peerId, byte[] payload);

  @Override
  void close();
}
