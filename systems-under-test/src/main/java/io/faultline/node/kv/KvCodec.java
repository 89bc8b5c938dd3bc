package io.faultline.node.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact binary encoding of {@link KvCommand}, {@link KvQuery} and {@link KvResult}: a tag byte,
 * then fields; strings as modified UTF-8, JSON values as length-prefixed JSON text. The encoding
 * is what the consensus log stores, so it must stay stable across versions of a running cluster.
 * Decoding malformed bytes throws {@link IllegalArgumentException} with the reason.
 */
public final class KvCodec {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** Longest key the encoding can hold: keys are written as modified UTF-8 with a 16-bit length. */
  public static final int MAX_KEY_BYTES = 65_535;

  private static final int PUT = 1;
  private static final int CAS = 2;
  private static final int TXN = 3;
  private static final int GET = 10;
  private static final int READ_TXN = 11;
  private static final int WRITTEN = 20;
  private static final int VALUE = 21;
  private static final int CAS_MISMATCH = 22;
  private static final int TXN_DONE = 23;
  private static final int REJECTED = 24;
  private static final int EXPIRED = 25;

  private KvCodec() {}

  /** The bytes {@code key} takes in the encoding (modified UTF-8), to check against {@link #MAX_KEY_BYTES}. */
  public static long keyBytes(String key) {
    long bytes = 0;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      bytes += c >= 0x0001 && c <= 0x007f ? 1 : c <= 0x07ff ? 2 : 3;
    }
    return bytes;
  }

  public static byte[] encode(KvCommand command) {
    return write(out -> {
      // Java 17 has no pattern switch; the sealed hierarchy keeps this list closed.
      if (command instanceof KvCommand.Put p) {
        out.writeByte(PUT);
        writeId(out, p.id());
        out.writeUTF(p.key());
        writeJson(out, p.value());
      } else if (command instanceof KvCommand.Cas c) {
        out.writeByte(CAS);
        writeId(out, c.id());
        out.writeUTF(c.key());
        writeJson(out, c.expect());
        writeJson(out, c.value());
      } else if (command instanceof KvCommand.Txn t) {
        out.writeByte(TXN);
        writeId(out, t.id());
        writeOps(out, t.ops());
      } else {
        throw new IllegalStateException("unhandled command " + command);
      }
    });
  }

  public static KvCommand decodeCommand(byte[] bytes) {
    return read(bytes, in -> {
      int tag = in.readUnsignedByte();
      return switch (tag) {
        case PUT -> new KvCommand.Put(readId(in), in.readUTF(), readJson(in));
        case CAS -> new KvCommand.Cas(readId(in), in.readUTF(), readJson(in), readJson(in));
        case TXN -> new KvCommand.Txn(readId(in), readOps(in));
        default -> throw new IllegalArgumentException("unknown command tag " + tag);
      };
    });
  }

  public static byte[] encode(KvQuery query) {
    return write(out -> {
      if (query instanceof KvQuery.Get g) {
        out.writeByte(GET);
        out.writeUTF(g.key());
      } else if (query instanceof KvQuery.ReadTxn t) {
        out.writeByte(READ_TXN);
        writeOps(out, t.ops());
      } else {
        throw new IllegalStateException("unhandled query " + query);
      }
    });
  }

  public static KvQuery decodeQuery(byte[] bytes) {
    return read(bytes, in -> {
      int tag = in.readUnsignedByte();
      return switch (tag) {
        case GET -> new KvQuery.Get(in.readUTF());
        case READ_TXN -> new KvQuery.ReadTxn(readOps(in));
        default -> throw new IllegalArgumentException("unknown query tag " + tag);
      };
    });
  }

  public static byte[] encode(KvResult result) {
    return write(out -> {
      if (result instanceof KvResult.Written) {
        out.writeByte(WRITTEN);
      } else if (result instanceof KvResult.Value v) {
        out.writeByte(VALUE);
        writeJson(out, v.value());
      } else if (result instanceof KvResult.CasMismatch m) {
        out.writeByte(CAS_MISMATCH);
        writeJson(out, m.actual());
      } else if (result instanceof KvResult.TxnDone t) {
        out.writeByte(TXN_DONE);
        writeOps(out, t.ops());
      } else if (result instanceof KvResult.Rejected r) {
        out.writeByte(REJECTED);
        out.writeUTF(r.reason());
      } else if (result instanceof KvResult.Expired) {
        out.writeByte(EXPIRED);
      } else {
        throw new IllegalStateException("unhandled result " + result);
      }
    });
  }

  public static KvResult decodeResult(byte[] bytes) {
    return read(bytes, in -> {
      int tag = in.readUnsignedByte();
      return switch (tag) {
        case WRITTEN -> new KvResult.Written();
        case VALUE -> new KvResult.Value(readJson(in));
        case CAS_MISMATCH -> new KvResult.CasMismatch(readJson(in));
        case TXN_DONE -> new KvResult.TxnDone(readOps(in));
        case REJECTED -> new KvResult.Rejected(in.readUTF());
        case EXPIRED -> new KvResult.Expired();
        default -> throw new IllegalArgumentException("unknown result tag " + tag);
      };
    });
  }

  static void writeJson(DataOutputStream out, JsonNode value) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(value);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static JsonNode readJson(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IllegalArgumentException("JSON value length " + length + " exceeds the remaining bytes");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return JSON.readTree(bytes);
  }

  private static void writeId(DataOutputStream out, RequestId id) throws IOException {
    out.writeUTF(id.origin());
    out.writeLong(id.seq());
  }

  private static RequestId readId(DataInputStream in) throws IOException {
    return new RequestId(in.readUTF(), in.readLong());
  }

  private static void writeOps(DataOutputStream out, List<MicroOp> ops) throws IOException {
    out.writeInt(ops.size());
    for (MicroOp op : ops) {
      out.writeByte(op.kind().ordinal());
      out.writeUTF(op.key());
      writeJson(out, op.value());
    }
  }

  private static List<MicroOp> readOps(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available()) {
      throw new IllegalArgumentException("micro-op count " + count + " exceeds the remaining bytes");
    }
    List<MicroOp> ops = new ArrayList<>(count);
    MicroOp.Kind[] kinds = MicroOp.Kind.values();
    for (int i = 0; i < count; i++) {
      int kind = in.readUnsignedByte();
      if (kind >= kinds.length) {
        throw new IllegalArgumentException("unknown micro-op kind " + kind);
      }
      ops.add(new MicroOp(kinds[kind], in.readUTF(), readJson(in)));
    }
    return ops;
  }

  interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams do not fail
    }
    return bytes.toByteArray();
  }

  static <T> T read(byte[] bytes, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      T value = reader.read(in);
      if (in.available() != 0) {
        throw new IllegalArgumentException(in.available() + " trailing bytes after the message");
      }
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated or malformed message: " + e.getMessage(), e);
    }
  }
}
