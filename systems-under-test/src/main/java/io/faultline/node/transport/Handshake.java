package io.faultline.node.transport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The first bytes on every peer connection: magic, version, sender id, intended receiver id.
 * Names the sender because a connection's socket address is a proxy's, never the peer's; the
 * receiver id catches mis-wired links.
 */
record Handshake(String from, String to) {
  static final int MAGIC = 0x464C5450; // "FLTP"
  static final int VERSION = 1;

  void writeTo(DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(VERSION);
    out.writeUTF(from);
    out.writeUTF(to);
    out.flush();
  }

  static Handshake readFrom(DataInputStream in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException("not a peer connection (bad magic 0x" + Integer.toHexString(magic) + ")");
    }
    int version = in.readUnsignedByte();
    if (version != VERSION) {
      throw new IOException("unsupported peer protocol version " + version);
    }
    return new Handshake(in.readUTF(), in.readUTF());
  }
}
