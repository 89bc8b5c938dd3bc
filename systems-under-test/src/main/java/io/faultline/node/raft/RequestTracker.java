package io.faultline.node.raft;

import io.faultline.node.consensus.DefiniteFailureException;
import io.faultline.node.consensus.StateMachine;
import io.faultline.node.raft.core.Entry;
import io.faultline.node.raft.core.ReadState;
import io.faultline.node.raft.wire.ForwardMessage.ForwardReply;
import io.faultline.node.raft.wire.ForwardMessage.ForwardRequest;
import io.faultline.node.raft.wire.ForwardMessage.Outcome;
import io.faultline.node.raft.wire.RaftCodec;
import io.faultline.node.transport.PeerTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Who is waiting for what, on the event-loop thread only: client futures and forwarded requests
 * waiting for a log index to be applied or a read to be confirmed, and this node's own requests
 * forwarded to the leader. Decides what each outcome means for the client:
 * <ul>
 *   <li>the entry applied at the awaited index is ours (same term) → OK with its output;
 *   <li>another entry landed there, a snapshot skipped it, or we gave up waiting → unknown;
 *   <li>only a request that never reached any log (no leader, leader refused it) fails definitely.
 * </ul>
 */
final class RequestTracker {
  /** Where an answer goes: a local future, or a peer that forwarded the request. */
  sealed interface Origin {}

  record Local(CompletableFuture<byte[]> future) implements Origin {}

  record Remote(String node, long requestId) implements Origin {}

  private record Write(long term, Origin origin, long deadline) {}

  private record Read(byte[] query, Origin origin, long deadline) {}

  private record Forwarded(CompletableFuture<byte[]> future, long deadline) {}

  private final PeerTransport transport;
  private final StateMachine stateMachine;
  private final long timeoutNanos;
  private final TreeMap<Long, Write> writes = new TreeMap<>();
  private final Map<Long, Read> reads = new HashMap<>();
  private final List<ReadState> confirmed = new ArrayList<>();
  private final Map<Long, Forwarded> forwarded = new HashMap<>();
  private long nextId = 1;

  RequestTracker(PeerTransport transport, StateMachine stateMachine, long timeoutNanos) {
    this.transport = transport;
    this.stateMachine = stateMachine;
    this.timeoutNanos = timeoutNanos;
  }

  long nextId() {
    return nextId++;
  }

  void awaitWrite(long index, long term, Origin origin, long now) {
    writes.put(index, new Write(term, origin, now + 2 * timeoutNanos));
  }

  void awaitRead(long ctx, byte[] query, Origin origin, long now) {
    reads.put(ctx, new Read(query, origin, now + timeoutNanos));
  }

  /** Sends a request to the leader; false when the transport dropped it (it never left). */
  boolean forward(String leader, boolean read, byte[] payload, CompletableFuture<byte[]> future, long now) {
    long id = nextId();
    boolean sent = transport.send(leader, RaftCodec.encode(new ForwardRequest(id, read, payload)));
    if (sent) {
      forwarded.put(id, new Forwarded(future, now + timeoutNanos));
    }
    return sent;
  }

  void onForwardReply(ForwardReply reply) {
    Forwarded f = forwarded.remove(reply.requestId());
    if (f == null) {
      return; // already timed out
    }
    String reason = reply.payload() == null ? "" : new String(reply.payload(), StandardCharsets.UTF_8);
    switch (reply.outcome()) {
      case OK -> f.future.complete(reply.payload());
      case DEFINITE_FAILURE -> f.future.completeExceptionally(new DefiniteFailureException(reason));
      case UNKNOWN -> f.future.completeExceptionally(new UnknownOutcomeException(reason));
    }
  }

  /** An entry was applied with {@code output} (null for a no-op). */
  void onApplied(Entry e, byte[] output) {
    Write w = writes.remove(e.index());
    if (w == null) {
      return;
    }
    if (w.term == e.term()) {
      succeed(w.origin, output);
    } else {
      unknown(w.origin, "another entry was committed at index " + e.index());
    }
  }

  /** A snapshot from the leader replaced the log up to {@code index}: we cannot tell. */
  void onSnapshotInstalled(long index) {
    Map<Long, Write> covered = writes.headMap(index, true);
    covered.values().forEach(w -> unknown(w.origin, "log replaced by a snapshot"));
    covered.clear();
  }

  void onReadStates(List<ReadState> states) {
    confirmed.addAll(states);
  }

  void onFailedReads(List<Long> ctxs) {
    for (long ctx : ctxs) {
      Read r = reads.remove(ctx);
      if (r != null) {
        fail(r.origin, "leadership lost before the read was confirmed");
      }
    }
  }

  /** Answers every confirmed read whose index has been applied. */
  void serveReads(long appliedIndex) {
    for (Iterator<ReadState> it = confirmed.iterator(); it.hasNext(); ) {
      ReadState rs = it.next();
      if (rs.index() <= appliedIndex) {
        it.remove();
        Read r = reads.remove(rs.ctx());
        if (r != null) {
          succeed(r.origin, stateMachine.query(r.query));
        }
      }
    }
  }

  /** Gives up on everything past its deadline. */
  void expire(long now) {
    writes.values().removeIf(w -> expired(w.deadline, now, w.origin, "timed out waiting for commit"));
    reads.values().removeIf(r -> expired(r.deadline, now, r.origin, "timed out waiting for read confirmation"));
    forwarded.values().removeIf(f -> {
      if (now - f.deadline < 0) {
        return false;
      }
      f.future.completeExceptionally(new UnknownOutcomeException("no answer from the leader"));
      return true;
    });
  }

  private boolean expired(long deadline, long now, Origin origin, String reason) {
    if (now - deadline < 0) {
      return false;
    }
    unknown(origin, reason);
    return true;
  }

  /** Shutting down: nobody will get an answer any more. */
  void abandonAll() {
    writes.values().forEach(w -> unknown(w.origin, "node stopping"));
    reads.values().forEach(r -> unknown(r.origin, "node stopping"));
    forwarded.values().forEach(f -> f.future.completeExceptionally(new UnknownOutcomeException("node stopping")));
    writes.clear();
    reads.clear();
    forwarded.clear();
  }

  void succeed(Origin origin, byte[] output) {
    respond(origin, Outcome.OK, output);
  }

  void fail(Origin origin, String reason) {
    respond(origin, Outcome.DEFINITE_FAILURE, reason.getBytes(StandardCharsets.UTF_8));
  }

  void unknown(Origin origin, String reason) {
    respond(origin, Outcome.UNKNOWN, reason.getBytes(StandardCharsets.UTF_8));
  }

  private void respond(Origin origin, Outcome outcome, byte[] payload) {
    if (origin instanceof Local l) {
      switch (outcome) {
        case OK -> l.future.complete(payload);
        case DEFINITE_FAILURE ->
            l.future.completeExceptionally(new DefiniteFailureException(new String(payload, StandardCharsets.UTF_8)));
        case UNKNOWN ->
            l.future.completeExceptionally(new UnknownOutcomeException(new String(payload, StandardCharsets.UTF_8)));
      }
    } else {
      Remote r = (Remote) origin;
      transport.send(r.node, RaftCodec.encode(new ForwardReply(r.requestId, outcome, payload)));
    }
  }
}
