package io.faultline.node.consensus;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between the store and a replication protocol (the seed's DistributedStore calls
 * {@code propose}; raft, paxos and naive implement it).
 *
 * <p>Threading: all methods may be called from any thread (HTTP handler threads) and must not
 * block; results arrive through the returned futures, completed on the protocol's own thread.
 *
 * <p>Failure contract — this is what keeps client histories honest:
 * <ul>
 *   <li>A future that completes exceptionally with {@link DefiniteFailureException} promises that
 *       the command was <em>not</em> and will never be applied (e.g. no leader known, rejected
 *       before it entered any log). The client sees 503 and records {@code fail}.
 *   <li>Any other exceptional completion (timeout, leader lost after appending, connection to the
 *       leader dropped) means the outcome is unknown; the client must record {@code info}.
 * </ul>
 *
 * <p>The caller owns the returned futures too: the HTTP layer completes them exceptionally with a
 * {@code TimeoutException} after its per-request timeout, so a protocol must tolerate finding a
 * future already completed ({@code complete} then returns false) and must not treat that as an
 * error.
 */
public interface Consensus extends AutoCloseable {

  /** Opens listeners, recovers from the data folder and starts timers. */
  void start() throws IOException;

  /**
   * Orders {@code command} in the replicated log and applies it to the {@link StateMachine} on
   * every node. Completes with the state machine's output for this command on this node (or on
   * the leader it was forwarded to).
   */
  CompletableFuture<byte[]> propose(byte[] command);

  /**
   * Runs a read-only {@code query} against the state machine at a point that is linearizable
   * under the node's read mode (ReadIndex by default; lease or local only when configured).
   */
  CompletableFuture<byte[]> query(byte[] query);

  /** A consistent snapshot of what this node believes, for {@code GET /admin/status}. */
  ConsensusStatus status();

  /** Stops timers and closes sockets; does not delete data. */
  @Override
  void close();
}
