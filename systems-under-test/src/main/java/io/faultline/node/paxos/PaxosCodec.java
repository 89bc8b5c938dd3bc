package io.faultline.node.paxos;

import io.faultline.node.paxos.PaxosMessage.Accept;
import io.faultline.node.paxos.PaxosMessage.Accepted;
import io.faultline.node.paxos.PaxosMessage.AcceptedEntry;
import io.faultline.node.paxos.PaxosMessage.CatchUpReply;
import io.faultline.node.paxos.PaxosMessage.CatchUpRequest;
import io.faultline.node.paxos.PaxosMessage.Commit;
import io.faultline.node.paxos.PaxosMessage.CommitAck;
import io.faultline.node.paxos.PaxosMessage.Forward;
import io.faultline.node.paxos.PaxosMessage.ForwardRejected;
import io.faultline.node.paxos.PaxosMessage.Prepare;
import io.faultline.node.paxos.PaxosMessage.Promise;
import io.faultline.node.paxos.PaxosMessage.ReadIndexReply;
import io.faultline.node.paxos.PaxosMessage.ReadRequest;
import io.faultline.node.paxos.PaxosMessage.Reject;
import io.faultline.node.paxos.PaxosMessage.SlotProposal;
import io.faultline.node.paxos.PaxosMessage.SnapshotReply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encoding of {@link PaxosMessage}: one tag byte, then the record's fields in declaration
 * order (big-endian). {@link #decode} rejects truncated, oversized or unknown input with a
 * {@link MalformedMessageException} instead of trusting lengths from the wire.
 */
public final class PaxosCodec {
  /** Raised for bytes that are not a valid message. */
  public static final class MalformedMessageException extends RuntimeException {
    MalformedMessageException(String message) {
      super(message);
    }
  }

  private static final int MAX_LIST = 1 << 20;
  private static final int MAX_BYTES = 256 << 20;

  private PaxosCodec() {}

  public static byte[] encode(PaxosMessage message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(out, message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static PaxosMessage decode(byte[] frame) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame))) {
      PaxosMessage message = read(in);
      if (in.available() > 0) {
        throw new MalformedMessageException(in.available() + " trailing bytes after message");
      }
      return message;
    } catch (EOFException e) {
      throw new MalformedMessageException("truncated message (" + frame.length + " bytes)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(DataOutputStream out, PaxosMessage message) throws IOException {
    if (message instanceof Prepare m) {
      out.writeByte(1);
      ballot(out, m.ballot());
      out.writeLong(m.fromSlot());
    } else if (message instanceof Promise m) {
      out.writeByte(2);
      ballot(out, m.ballot());
      out.writeLong(m.chosenPrefix());
      out.writeInt(m.accepted().size());
      for (AcceptedEntry e : m.accepted()) {
        out.writeLong(e.slot());
        ballot(out, e.ballot());
        value(out, e.value());
      }
    } else if (message instanceof Reject m) {
      out.writeByte(3);
      ballot(out, m.rejected());
      ballot(out, m.promised());
    } else if (message instanceof Accept m) {
      out.writeByte(4);
      ballot(out, m.ballot());
      out.writeLong(m.commitIndex());
      proposals(out, m.proposals());
    } else if (message instanceof Accepted m) {
      out.writeByte(5);
      ballot(out, m.ballot());
      longs(out, m.slots());
    } else if (message instanceof Commit m) {
      out.writeByte(6);
      ballot(out, m.ballot());
      out.writeLong(m.commitIndex());
      out.writeLong(m.readRound());
    } else if (message instanceof CommitAck m) {
      out.writeByte(7);
      ballot(out, m.ballot());
      out.writeLong(m.readRound());
      out.writeLong(m.chosenPrefix());
    } else if (message instanceof CatchUpRequest m) {
      out.writeByte(8);
      out.writeLong(m.fromSlot());
    } else if (message instanceof CatchUpReply m) {
      out.writeByte(9);
      proposals(out, m.chosen());
    } else if (message instanceof SnapshotReply m) {
      out.writeByte(10);
      out.writeLong(m.lastSlot());
      bytes(out, m.snapshot());
    } else if (message instanceof Forward m) {
      out.writeByte(11);
      ballot(out, m.ballot());
      commands(out, m.commands());
    } else if (message instanceof ForwardRejected m) {
      out.writeByte(12);
      longs(out, m.ids());
    } else if (message instanceof ReadRequest m) {
      out.writeByte(13);
      out.writeLong(m.readId());
    } else if (message instanceof ReadIndexReply m) {
      out.writeByte(14);
      out.writeLong(m.readId());
      out.writeLong(m.readIndex());
    } else {
      throw new AssertionError("unhandled message type " + message.getClass());
    }
  }

  private static PaxosMessage read(DataInputStream in) throws IOException {
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case 1 -> new Prepare(ballot(in), in.readLong());
      case 2 -> {
        Ballot b = ballot(in);
        long prefix = in.readLong();
        int n = length(in);
        List<AcceptedEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          entries.add(new AcceptedEntry(in.readLong(), ballot(in), value(in)));
        }
        yield new Promise(b, prefix, entries);
      }
      case 3 -> new Reject(ballot(in), ballot(in));
      case 4 -> new Accept(ballot(in), in.readLong(), proposals(in));
      case 5 -> new Accepted(ballot(in), longs(in));
      case 6 -> new Commit(ballot(in), in.readLong(), in.readLong());
      case 7 -> new CommitAck(ballot(in), in.readLong(), in.readLong());
      case 8 -> new CatchUpRequest(in.readLong());
      case 9 -> new CatchUpReply(proposals(in));
      case 10 -> new SnapshotReply(in.readLong(), bytes(in));
      case 11 -> new Forward(ballot(in), commands(in));
      case 12 -> new ForwardRejected(longs(in));
      case 13 -> new ReadRequest(in.readLong());
      case 14 -> new ReadIndexReply(in.readLong(), in.readLong());
      default -> throw new MalformedMessageException("unknown paxos message tag " + tag);
    };
  }

  static void ballot(DataOutputStream out, Ballot b) throws IOException {
    out.writeLong(b.round());
    out.writeInt(b.node());
  }

  static Ballot ballot(DataInputStream in) throws IOException {
    return new Ballot(in.readLong(), in.readInt());
  }

  static void value(DataOutputStream out, SlotValue v) throws IOException {
    commands(out, v.commands());
  }

  static SlotValue value(DataInputStream in) throws IOException {
    return new SlotValue(commands(in));
  }

  private static void commands(DataOutputStream out, List<Command> commands) throws IOException {
    out.writeInt(commands.size());
    for (Command c : commands) {
      out.writeInt(c.origin());
      out.writeLong(c.id());
      bytes(out, c.payload());
    }
  }

  private static List<Command> commands(DataInputStream in) throws IOException {
    int n = length(in);
    List<Command> commands = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      commands.add(new Command(in.readInt(), in.readLong(), bytes(in)));
    }
    return commands;
  }

  private static void proposals(DataOutputStream out, List<SlotProposal> ps) throws IOException {
    out.writeInt(ps.size());
    for (SlotProposal p : ps) {
      out.writeLong(p.slot());
      value(out, p.value());
    }
  }

  private static List<SlotProposal> proposals(DataInputStream in) throws IOException {
    int n = length(in);
    List<SlotProposal> ps = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      ps.add(new SlotProposal(in.readLong(), value(in)));
    }
    return ps;
  }

  private static void longs(DataOutputStream out, List<Long> values) throws IOException {
    out.writeInt(values.size());
    for (long v : values) {
      out.writeLong(v);
    }
  }

  private static List<Long> longs(DataInputStream in) throws IOException {
    int n = length(in);
    List<Long> values = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      values.add(in.readLong());
    }
    return values;
  }

  static void bytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_BYTES || n > in.available()) {
      throw new MalformedMessageException("byte field length " + n + " out of range");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  private static int length(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_LIST) {
      throw new MalformedMessageException("list length " + n + " out of range");
    }
    return n;
  }
}
