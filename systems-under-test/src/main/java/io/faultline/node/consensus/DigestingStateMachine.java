package io.faultline.node.consensus;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Wraps the node's {@link StateMachine} and keeps a digest chain over everything applied, so
 * replicas that applied different commands at one index can be told apart directly instead of
 * only when a client read happens to land on the diverged one.
 *
 * <p>The chain: {@code d_0} is 16 zero bytes; {@code d_i = SHA-256(d_{i-1} ‖ i ‖ kind ‖ length ‖
 * command)} truncated to 128 bits, where kind tells a command from a protocol no-op. Every
 * {@link #CHECKPOINT_EVERY} indices {@code (i, d_i)} goes into a ring of the last
 * {@link #RING_CHECKPOINTS}, read by {@code GET /admin/status}.
 *
 * <p>The chain needs indices dense and in order (1, 2, 3, ...). An index that does not follow the
 * last one breaks it: from then on nothing is recorded (the ring keeps what it had), because a
 * chain with a hole would report disagreement that is not there, or hide one that is. A restore
 * from a snapshot taken by this class re-bases the chain (the snapshot carries {@code (i, d_i)}
 * in a small header ahead of the inner state machine's own bytes, which are restored exactly);
 * a snapshot without that header (an older node's) restores the state but leaves the chain
 * unknown, for the same reason.
 *
 * <p>Threading as {@link StateMachine}: apply, snapshot and restore come from the protocol's one
 * applying thread; {@link #recent} may be called from any thread.
 */
public final class DigestingStateMachine implements StateMachine, AppliedDigests {
  /**
   * Checkpoint interval. Small enough that a divergence shows within a few indices of where it
   * happened and that short runs have checkpoints at all; large enough that the ring, sent in
   * every status answer, covers 1,024 indices in about 4 KB of JSON. Since each digest covers the
   * whole prefix, a checkpoint the harness misses between two samples loses only where exactly a
   * divergence started, never whether it happened.
   */
  public static final int CHECKPOINT_EVERY = 16;
  /** Checkpoints kept for {@code /admin/status}. */
  public static final int RING_CHECKPOINTS = 64;

  static final int DIGEST_BYTES = 16;
  private static final int MAGIC = 0x464c4431; // "FLD1": cannot start a KvStateMachine snapshot (version 1)
  private static final int HEADER_BYTES = 4 + 1 + 8 + DIGEST_BYTES;
  private static final byte KIND_NOOP = 0;
  private static final byte KIND_COMMAND = 1;
  private static final HexFormat HEX = HexFormat.of();

  private final StateMachine inner;
  private final int checkpointEvery;
  private final CheckpointRing ring;
  private final MessageDigest sha256;
  private final ByteBuffer scratch = ByteBuffer.allocate(8 + 1 + 4);
  private long index;
  private byte[] digest = new byte[DIGEST_BYTES];
  private boolean chained = true;

  public DigestingStateMachine(StateMachine inner) {
    this(inner, CHECKPOINT_EVERY, RING_CHECKPOINTS);
  }

  /** For tests: another interval and ring size. */
  DigestingStateMachine(StateMachine inner, int checkpointEvery, int ringCheckpoints) {
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("checkpointEvery must be positive: " + checkpointEvery);
    }
    this.inner = inner;
    this.checkpointEvery = checkpointEvery;
    this.ring = new CheckpointRing(ringCheckpoints);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public byte[] apply(long index, byte[] command) {
    byte[] output = inner.apply(index, command);
    advance(index, KIND_COMMAND, command);
    return output;
  }

  @Override
  public void applyNoop(long index) {
    inner.applyNoop(index);
    advance(index, KIND_NOOP, new byte[0]);
  }

  @Override
  public byte[] query(byte[] query) {
    return inner.query(query);
  }

  @Override
  public byte[] snapshot() {
    byte[] state = inner.snapshot();
    return ByteBuffer.allocate(HEADER_BYTES + state.length)
        .putInt(MAGIC).put((byte) (chained ? 1 : 0)).putLong(index).put(digest).put(state).array();
  }

  @Override
  public void restore(byte[] snapshot) {
    if (snapshot.length < HEADER_BYTES || ByteBuffer.wrap(snapshot).getInt() != MAGIC) {
      inner.restore(snapshot);
      chained = false;
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(snapshot);
    b.getInt();
    boolean snapshotChained = b.get() == 1;
    long snapshotIndex = b.getLong();
    byte[] snapshotDigest = new byte[DIGEST_BYTES];
    b.get(snapshotDigest);
    inner.restore(Arrays.copyOfRange(snapshot, HEADER_BYTES, snapshot.length));
    index = snapshotIndex;
    digest = snapshotDigest;
    chained = snapshotChained;
    boolean atCheckpoint = chained && index > 0 && index % checkpointEvery == 0;
    ring.dropAbove(atCheckpoint ? index - 1 : index); // the snapshot's word on its own index replaces ours
    if (atCheckpoint) {
      ring.add(new AppliedDigest(index, HEX.formatHex(digest)));
    }
  }

  @Override
  public List<AppliedDigest> recent() {
    return ring.snapshot();
  }

  /** The last index the chain covers (0 before anything was applied). */
  public long chainedIndex() {
    return index;
  }

  /** False once an index arrived out of order or an unheaded snapshot was restored. */
  @Override
  public boolean chained() {
    return chained;
  }

  private void advance(long next, byte kind, byte[] command) {
    if (!chained) {
      return;
    }
    if (next != index + 1) {
      chained = false;
      return;
    }
    scratch.clear();
    scratch.putLong(next).put(kind).putInt(command.length);
    sha256.update(digest);
    sha256.update(scratch.array());
    sha256.update(command);
    digest = Arrays.copyOf(sha256.digest(), DIGEST_BYTES);
    index = next;
    if (next % checkpointEvery == 0) {
      ring.add(new AppliedDigest(next, HEX.formatHex(digest)));
    }
  }
}
