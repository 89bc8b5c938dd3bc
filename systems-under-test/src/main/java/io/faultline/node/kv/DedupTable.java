package io.faultline.node.kv;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers the output of recent commands per origin so a duplicate (forwarded twice, retried
 * after a lost reply) returns the first output instead of applying again.
 *
 * <p>Bounded and deterministic: per origin it keeps the {@code perOrigin} highest sequence
 * numbers applied and remembers the highest one it forgot ({@code floor}); a duplicate at or
 * below the floor is reported as expired rather than re-applied. At most {@code maxOrigins}
 * origins are kept; the one touched least recently (by log index) is dropped first. Everything
 * here depends only on the applied commands, so replicas agree, and it is part of snapshots.
 */
final class DedupTable {
  /** What the table knows about a request id. */
  sealed interface Lookup {}

  record Fresh() implements Lookup {}

  record Duplicate(byte[] output) implements Lookup {}

  record Forgotten() implements Lookup {}

  private static final class Window {
    final TreeMap<Long, byte[]> outputs = new TreeMap<>();
    long floor = Long.MIN_VALUE;
    long touchedIndex;
  }

  private final int perOrigin;
  private final int maxOrigins;
  private final TreeMap<String, Window> origins = new TreeMap<>();

  DedupTable(int perOrigin, int maxOrigins) {
    this.perOrigin = perOrigin;
    this.maxOrigins = maxOrigins;
  }

  Lookup lookup(RequestId id) {
    Window w = origins.get(id.origin());
    if (w == null) {
      return new Fresh();
    }
    byte[] output = w.outputs.get(id.seq());
    if (output != null) {
      return new Duplicate(output);
    }
    return id.seq() <= w.floor ? new Forgotten() : new Fresh();
  }

  void remember(RequestId id, long index, byte[] output) {
    Window w = origins.computeIfAbsent(id.origin(), o -> new Window());
    w.touchedIndex = index;
    w.outputs.put(id.seq(), output);
    while (w.outputs.size() > perOrigin) {
      w.floor = Math.max(w.floor, w.outputs.pollFirstEntry().getKey());
    }
    if (origins.size() > maxOrigins) {
      String stalest =
          origins.entrySet().stream()
              .min(Comparator.comparingLong((Map.Entry<String, Window> e) -> e.getValue().touchedIndex))
              .orElseThrow()
              .getKey();
      origins.remove(stalest);
    }
  }

  int originCount() {
    return origins.size();
  }

  void writeTo(DataOutputStream out) throws IOException {
    out.writeInt(origins.size());
    for (Map.Entry<String, Window> e : origins.entrySet()) {
      Window w = e.getValue();
      out.writeUTF(e.getKey());
      out.writeLong(w.floor);
      out.writeLong(w.touchedIndex);
      out.writeInt(w.outputs.size());
      for (Map.Entry<Long, byte[]> o : w.outputs.entrySet()) {
        out.writeLong(o.getKey());
        out.writeInt(o.getValue().length);
        out.write(o.getValue());
      }
    }
  }

  void readFrom(DataInputStream in) throws IOException {
    origins.clear();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      String origin = in.readUTF();
      Window w = new Window();
      w.floor = in.readLong();
      w.touchedIndex = in.readLong();
      int outputs = in.readInt();
      for (int j = 0; j < outputs; j++) {
        long seq = in.readLong();
        byte[] output = new byte[in.readInt()];
        in.readFully(output);
        w.outputs.put(seq, output);
      }
      origins.put(origin, w);
    }
  }
}
