package io.faultline.node.naive;

import io.faultline.node.BugSpec;
import io.faultline.node.NodeConfig;
import io.faultline.node.NodeLog;
import io.faultline.node.clock.NodeClock;
import io.faultline.node.consensus.Consensus;
import io.faultline.node.consensus.ConsensusStatus;
import io.faultline.node.consensus.DefiniteFailureException;
import io.faultline.node.consensus.LoopThreads;
import io.faultline.node.consensus.StateMachine;
import io.faultline.node.storage.AtomicFile;
import io.faultline.node.storage.RecordLog;
import io.faultline.node.transport.PeerTransport;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The seed's {@code DistributedStore} taken literally, kept as a system the harness must prove
 * wrong: {@code propose} applies the command locally and pushes it best-effort to every peer,
 * which apply it whenever it arrives — no ordering, no agreement; {@code query} reads local state;
 * a cas is decided locally. Under a partition replicas diverge and reads go stale. DO NOT FIX.
 *
 * <p>Durability (so a restarted node keeps what it applied): one event-loop thread appends every
 * command it applies (local or received) to a {@link RecordLog}, fsyncs once per batch (group
 * commit), then applies and acknowledges; every {@code snapshotEvery} commands it writes a state
 * snapshot atomically and empties the log.
 */
public final class NaiveConsensus implements Consensus {
  public static final String DESCRIPTION =
      "no consensus: write locally, push best-effort to peers, read locally (deliberately unsafe)";
  public static final List<BugSpec> BUGS = List.of();

  private static final int QUEUE_CAPACITY = 100_000;
  private static final int MAX_BATCH = 4_096;
  private static final long PREALLOCATE_BYTES = 8 << 20;

  /** A command to apply: proposed here (with a future) or pushed by a peer (without). */
  private record Pending(byte[] command, CompletableFuture<byte[]> reply) {}

  private final NodeConfig config;
  private final StateMachine stateMachine;
  private final PeerTransport transport;
  private final NodeLog log;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final Path snapshotFile;
  private RecordLog commandLog;
  private volatile long appliedIndex;
  private long sinceSnapshot;
  private volatile boolean closed;
  private Thread loop;

  public NaiveConsensus(NodeConfig config, StateMachine stateMachine, PeerTransport transport, NodeClock clock) {
    this.config = config;
    this.stateMachine = stateMachine;
    this.transport = transport;
    this.log = new NodeLog(config.id(), clock, System.out);
    this.snapshotFile = config.dataDir().resolve("naive-snapshot");
  }

  @Override
  public void start() throws IOException {
    Optional<byte[]> snapshot = AtomicFile.read(snapshotFile);
    if (snapshot.isPresent()) {
      ByteBuffer buffer = ByteBuffer.wrap(snapshot.get());
      appliedIndex = buffer.getLong();
      byte[] state = new byte[buffer.remaining()];
      buffer.get(state);
      stateMachine.restore(state);
    }
    long[] replayed = {0};
    commandLog =
        RecordLog.open(
            config.dataDir().resolve("naive-log"),
            (offset, command) -> {
              stateMachine.apply(++appliedIndex, command);
              replayed[0]++;
            },
            PREALLOCATE_BYTES);
    sinceSnapshot = replayed[0];
    if (commandLog.truncatedTailBytes() > 0) {
      log.warn("naive log: truncated a torn tail of " + commandLog.truncatedTailBytes() + " bytes");
    }
    log.info("naive: recovered " + appliedIndex + " applied commands (" + replayed[0] + " from the log)");
    transport.start((from, payload) -> queue.offer(new Pending(payload, null)));
    loop = new Thread(this::run, "naive-" + config.id());
    loop.setDaemon(true);
    loop.start();
  }

  @Override
  public CompletableFuture<byte[]> propose(byte[] command) {
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    if (closed || !queue.offer(new Pending(command, reply))) {
      reply.completeExceptionally(new DefiniteFailureException("naive node overloaded or stopping"));
    }
    return reply;
  }

  @Override
  public CompletableFuture<byte[]> query(byte[] query) {
    try {
      return CompletableFuture.completedFuture(stateMachine.query(query));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public ConsensusStatus status() {
    long index = appliedIndex;
    return new ConsensusStatus("peer", 0, null, index, index);
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    List<byte[]> commands = new ArrayList<>(MAX_BATCH);
    while (!closed) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      try {
        batch.forEach(p -> commands.add(p.command()));
        commandLog.appendAll(commands);
        commandLog.sync();
        for (Pending p : batch) {
          applyOne(p);
        }
        maybeSnapshot();
      } catch (IOException | RuntimeException e) {
        log.error("naive: storing commands failed, stopping: " + e);
        batch.forEach(p -> {
          if (p.reply() != null) {
            p.reply().completeExceptionally(e);
          }
        });
        closed = true;
        return;
      } finally {
        batch.clear();
        commands.clear();
      }
    }
  }

  private void applyOne(Pending p) {
    byte[] output = stateMachine.apply(++appliedIndex, p.command());
    sinceSnapshot++;
    if (p.reply() != null) {
      for (String peer : config.peers().keySet()) {
        transport.send(peer, p.command());
      }
      p.reply().complete(output);
    }
  }

  private void maybeSnapshot() throws IOException {
    if (sinceSnapshot < config.tuning().snapshotEvery()) {
      return;
    }
    byte[] state = stateMachine.snapshot();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(state.length + 8);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(appliedIndex);
      out.write(state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicFile.write(snapshotFile, bytes.toByteArray());
    commandLog.truncate(0);
    sinceSnapshot = 0;
  }

  @Override
  public void close() {
    closed = true;
    LoopThreads.interruptAndJoin(loop, 2_000);
    transport.close();
    try {
      if (commandLog != null) {
        commandLog.close();
      }
    } catch (IOException e) {
      log.warn("naive: closing the log failed: " + e.getMessage());
    }
    queue.forEach(p -> {
      if (p.reply() != null) {
        p.reply().completeExceptionally(new IllegalStateException("node stopping"));
      }
    });
  }
}
