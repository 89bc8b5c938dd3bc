package io.faultline.node.paxos;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Binary encoding of {@link DurableRecord}s for the on-disk log (one tag byte, then fields). */
final class DurableRecordCodec {
  private DurableRecordCodec() {}

  static byte[] encode(DurableRecord record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (record instanceof DurableRecord.Promised p) {
        out.writeByte(1);
        PaxosCodec.ballot(out, p.ballot());
      } else if (record instanceof DurableRecord.Accepted a) {
        out.writeByte(2);
        out.writeLong(a.slot());
        PaxosCodec.ballot(out, a.ballot());
        PaxosCodec.value(out, a.value());
      } else if (record instanceof DurableRecord.Chosen c) {
        out.writeByte(3);
        out.writeLong(c.slot());
        PaxosCodec.value(out, c.value());
      } else if (record instanceof DurableRecord.ChosenUpTo u) {
        out.writeByte(4);
        out.writeLong(u.slot());
      } else {
        throw new AssertionError("unhandled record " + record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Decodes one record; a record that passed its CRC but does not parse is corruption. */
  static DurableRecord decode(byte[] payload) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      int tag = in.readUnsignedByte();
      return switch (tag) {
        case 1 -> new DurableRecord.Promised(PaxosCodec.ballot(in));
        case 2 -> new DurableRecord.Accepted(in.readLong(), PaxosCodec.ballot(in), PaxosCodec.value(in));
        case 3 -> new DurableRecord.Chosen(in.readLong(), PaxosCodec.value(in));
        case 4 -> new DurableRecord.ChosenUpTo(in.readLong());
        default -> throw new PaxosCodec.MalformedMessageException("unknown durable record tag " + tag);
      };
    } catch (EOFException e) {
      throw new PaxosCodec.MalformedMessageException("truncated durable record");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
