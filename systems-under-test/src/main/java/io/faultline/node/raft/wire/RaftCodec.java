package io.faultline.node.raft.wire;

import io.faultline.node.raft.core.Entry;
import io.faultline.node.raft.core.RaftMessage;
import io.faultline.node.raft.core.RaftMessage.AppendEntries;
import io.faultline.node.raft.core.RaftMessage.AppendResponse;
import io.faultline.node.raft.core.RaftMessage.Heartbeat;
import io.faultline.node.raft.core.RaftMessage.HeartbeatResponse;
import io.faultline.node.raft.core.RaftMessage.InstallSnapshot;
import io.faultline.node.raft.core.RaftMessage.RequestVote;
import io.faultline.node.raft.core.RaftMessage.VoteResponse;
import io.faultline.node.raft.core.Snapshot;
import io.faultline.node.raft.wire.ForwardMessage.ForwardReply;
import io.faultline.node.raft.wire.ForwardMessage.ForwardRequest;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encoding of peer frames: one tag byte, then fixed big-endian fields; byte arrays are
 * length-prefixed (-1 = null). Sender and receiver ids are not encoded: the transport frame names
 * the sender and the receiver is the local node. Decoding rejects anything malformed with an
 * {@link IllegalArgumentException} naming the problem; it never trusts a length it cannot back.
 */
public final class RaftCodec {
  private static final int TAG_FORWARD_REQUEST = 20;
  private static final int TAG_FORWARD_REPLY = 21;

  private RaftCodec() {}

  /** A decoded frame: exactly one of the two is non-null. */
  public record Frame(RaftMessage raft, ForwardMessage forward) {}

  public static byte[] encode(RaftMessage m) {
    Writer w = new Writer();
    w.buf.put((byte) (m.type().ordinal() + 1));
    w.buf.putLong(m.term());
    switch (m.type()) {
      case REQUEST_VOTE -> {
        RequestVote rv = (RequestVote) m;
        w.longs(rv.lastIndex(), rv.lastTerm());
        w.bool(rv.preVote());
      }
      case VOTE_RESPONSE -> {
        VoteResponse vr = (VoteResponse) m;
        w.bool(vr.granted());
        w.bool(vr.preVote());
      }
      case APPEND_ENTRIES -> {
        AppendEntries ae = (AppendEntries) m;
        w.longs(ae.prevIndex(), ae.prevTerm(), ae.commit());
        w.ensure(4);
        w.buf.putInt(ae.entries().size());
        for (Entry e : ae.entries()) {
          w.longs(e.index(), e.term());
          w.bytes(e.data());
        }
      }
      case APPEND_RESPONSE -> {
        AppendResponse ar = (AppendResponse) m;
        w.bool(ar.success());
        w.longs(ar.index(), ar.hintIndex(), ar.hintTerm());
      }
      case HEARTBEAT -> {
        Heartbeat hb = (Heartbeat) m;
        w.longs(hb.commit(), hb.round(), hb.sentTick());
      }
      case HEARTBEAT_RESPONSE -> {
        HeartbeatResponse hr = (HeartbeatResponse) m;
        w.longs(hr.round(), hr.sentTick());
      }
      case INSTALL_SNAPSHOT -> {
        Snapshot s = ((InstallSnapshot) m).snapshot();
        w.longs(s.index(), s.term());
        w.bytes(s.data());
      }
      default -> throw new IllegalArgumentException("unknown message type " + m.type());
    }
    return w.toArray();
  }

  public static byte[] encode(ForwardMessage m) {
    Writer w = new Writer();
    if (m instanceof ForwardRequest r) {
      w.buf.put((byte) TAG_FORWARD_REQUEST);
      w.longs(r.requestId());
      w.bool(r.read());
      w.bytes(r.payload());
    } else {
      ForwardReply r = (ForwardReply) m;
      w.buf.put((byte) TAG_FORWARD_REPLY);
      w.longs(r.requestId());
      w.ensure(1);
      w.buf.put((byte) r.outcome().ordinal());
      w.bytes(r.payload());
    }
    return w.toArray();
  }

  /**
   * Decodes a frame {@code from} a peer addressed to {@code self}.
   *
   * @throws IllegalArgumentException when the frame is malformed
   */
  public static Frame decode(String from, String self, byte[] frame) {
    try {
      ByteBuffer b = ByteBuffer.wrap(frame);
      int tag = b.get() & 0xFF;
      Frame result;
      if (tag == TAG_FORWARD_REQUEST) {
        result = new Frame(null, new ForwardRequest(b.getLong(), bool(b), bytes(b)));
      } else if (tag == TAG_FORWARD_REPLY) {
        long id = b.getLong();
        int outcome = b.get();
        if (outcome < 0 || outcome >= ForwardMessage.Outcome.values().length) {
          throw new IllegalArgumentException("unknown forward outcome " + outcome);
        }
        result = new Frame(null, new ForwardReply(id, ForwardMessage.Outcome.values()[outcome], bytes(b)));
      } else if (tag >= 1 && tag <= RaftMessage.Type.values().length) {
        result = new Frame(decodeRaft(RaftMessage.Type.values()[tag - 1], from, self, b), null);
      } else {
        throw new IllegalArgumentException("unknown frame tag " + tag);
      }
      if (b.hasRemaining()) {
        throw new IllegalArgumentException(b.remaining() + " unexpected trailing bytes");
      }
      return result;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("frame of " + frame.length + " bytes ends early");
    }
  }

  private static RaftMessage decodeRaft(RaftMessage.Type type, String from, String to, ByteBuffer b) {
    long term = b.getLong();
    return switch (type) {
      case REQUEST_VOTE -> new RequestVote(from, to, term, b.getLong(), b.getLong(), bool(b));
      case VOTE_RESPONSE -> new VoteResponse(from, to, term, bool(b), bool(b));
      case APPEND_ENTRIES -> {
        long prevIndex = b.getLong();
        long prevTerm = b.getLong();
        long commit = b.getLong();
        int count = b.getInt();
        if (count < 0 || count > b.remaining() / 20) {
          throw new IllegalArgumentException("entry count " + count + " does not fit the frame");
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          entries.add(new Entry(b.getLong(), b.getLong(), bytes(b)));
        }
        yield new AppendEntries(from, to, term, prevIndex, prevTerm, entries, commit);
      }
      case APPEND_RESPONSE ->
          new AppendResponse(from, to, term, bool(b), b.getLong(), b.getLong(), b.getLong());
      case HEARTBEAT -> new Heartbeat(from, to, term, b.getLong(), b.getLong(), b.getLong());
      case HEARTBEAT_RESPONSE -> new HeartbeatResponse(from, to, term, b.getLong(), b.getLong());
      case INSTALL_SNAPSHOT ->
          new InstallSnapshot(from, to, term, new Snapshot(b.getLong(), b.getLong(), bytes(b)));
    };
  }

  private static boolean bool(ByteBuffer b) {
    byte v = b.get();
    if (v != 0 && v != 1) {
      throw new IllegalArgumentException("boolean byte " + v);
    }
    return v == 1;
  }

  private static byte[] bytes(ByteBuffer b) {
    int length = b.getInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > b.remaining()) {
      throw new IllegalArgumentException("byte array length " + length + " exceeds the frame");
    }
    byte[] out = new byte[length];
    b.get(out);
    return out;
  }

  /** A growable big-endian buffer. */
  private static final class Writer {
    ByteBuffer buf = ByteBuffer.allocate(64);

    void ensure(int more) {
      if (buf.remaining() < more) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more));
        buf.flip();
        bigger.put(buf);
        buf = bigger;
      }
    }

    void longs(long... values) {
      ensure(8 * values.length);
      for (long v : values) {
        buf.putLong(v);
      }
    }

    void bool(boolean v) {
      ensure(1);
      buf.put((byte) (v ? 1 : 0));
    }

    void bytes(byte[] data) {
      ensure(4 + (data == null ? 0 : data.length));
      buf.putInt(data == null ? -1 : data.length);
      if (data != null) {
        buf.put(data);
      }
    }

    byte[] toArray() {
      byte[] out = new byte[buf.position()];
      buf.flip();
      buf.get(out);
      return out;
    }
  }
}
