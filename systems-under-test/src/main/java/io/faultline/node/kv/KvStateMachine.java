package io.faultline.node.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.faultline.node.consensus.StateMachine;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated key-value store: JSON values by string key; put, cas and transactions of
 * read / write / append micro-ops ({@code append} on a missing key creates a list; on a non-list
 * value the whole transaction is rejected with no effect). Commands and outputs use
 * {@link KvCodec}.
 *
 * <p>Applies each command at most once per {@link RequestId} ({@link DedupTable}): a duplicate
 * gets the first output back. Deterministic: same commands in the same order give the same
 * state, outputs and snapshot bytes.
 *
 * <p>Thread-safety: every method is synchronized, so a protocol that answers queries from other
 * threads than the one applying (naive) is safe too.
 */
public final class KvStateMachine implements StateMachine {
  private static final int SNAPSHOT_VERSION = 1;

  private final Map<String, JsonNode> data = new HashMap<>();
  private final DedupTable dedup;
  private long appliedIndex;

  public KvStateMachine() {
    this(4_096, 1_024);
  }

  /** For tests: small de-duplication bounds. */
  KvStateMachine(int dedupPerOrigin, int dedupOrigins) {
    this.dedup = new DedupTable(dedupPerOrigin, dedupOrigins);
  }

  @Override
  public synchronized byte[] apply(long index, byte[] command) {
    appliedIndex = index;
    KvCommand decoded;
    try {
      decoded = KvCodec.decodeCommand(command);
    } catch (IllegalArgumentException e) {
      // Every replica rejects the same bytes the same way, so this stays deterministic.
      return KvCodec.encode(new KvResult.Rejected("malformed command: " + e.getMessage()));
    }
    DedupTable.Lookup seen = dedup.lookup(decoded.id());
    if (seen instanceof DedupTable.Duplicate d) {
      return d.output();
    }
    if (seen instanceof DedupTable.Forgotten) {
      return KvCodec.encode(new KvResult.Expired());
    }
    byte[] output = KvCodec.encode(execute(decoded));
    dedup.remember(decoded.id(), index, output);
    return output;
  }

  private KvResult execute(KvCommand command) {
    if (command instanceof KvCommand.Put p) {
      set(data, p.key(), p.value());
      return new KvResult.Written();
    } else if (command instanceof KvCommand.Cas c) {
      JsonNode current = get(c.key());
      if (!current.equals(c.expect())) {
        return new KvResult.CasMismatch(current);
      }
      set(data, c.key(), c.value());
      return new KvResult.Written();
    } else if (command instanceof KvCommand.Txn t) {
      return transact(t.ops());
    }
    throw new IllegalStateException("unhandled command " + command);
  }

  /** Runs the micro-ops against an overlay and commits only if all of them succeed. */
  private KvResult transact(List<MicroOp> ops) {
    Map<String, JsonNode> overlay = new HashMap<>();
    List<MicroOp> done = new ArrayList<>(ops.size());
    for (MicroOp op : ops) {
      JsonNode current = overlay.containsKey(op.key()) ? overlay.get(op.key()) : get(op.key());
      switch (op.kind()) {
        case READ -> done.add(op.withValue(current.deepCopy()));
        case WRITE -> {
          overlay.put(op.key(), op.value());
          done.add(op);
        }
        case APPEND -> {
          ArrayNode list;
          if (current.isNull()) {
            list = JsonNodeFactory.instance.arrayNode();
          } else if (current.isArray()) {
            list = ((ArrayNode) current).deepCopy();
          } else {
            return new KvResult.Rejected("append to key '" + op.key() + "' whose value is not a list");
          }
          list.add(op.value());
          overlay.put(op.key(), list);
          done.add(op);
        }
      }
    }
    overlay.forEach((key, value) -> set(data, key, value));
    return new KvResult.TxnDone(done);
  }

  private JsonNode get(String key) {
    JsonNode value = data.get(key);
    return value == null ? NullNode.getInstance() : value;
  }

  private static void set(Map<String, JsonNode> map, String key, JsonNode value) {
    if (value == null || value.isNull()) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
  }

  @Override
  public synchronized byte[] query(byte[] query) {
    KvQuery decoded = KvCodec.decodeQuery(query);
    if (decoded instanceof KvQuery.Get get) {
      return KvCodec.encode(new KvResult.Value(get(get.key())));
    }
    KvQuery.ReadTxn txn = (KvQuery.ReadTxn) decoded;
    List<MicroOp> done = new ArrayList<>(txn.ops().size());
    for (MicroOp op : txn.ops()) {
      done.add(op.withValue(get(op.key()).deepCopy()));
    }
    return KvCodec.encode(new KvResult.TxnDone(done));
  }

  /** Index of the last command applied (0 before any). */
  public synchronized long appliedIndex() {
    return appliedIndex;
  }

  @Override
  public synchronized byte[] snapshot() {
    return KvCodec.write(out -> {
      out.writeInt(SNAPSHOT_VERSION);
      out.writeLong(appliedIndex);
      TreeMap<String, JsonNode> sorted = new TreeMap<>(data);
      out.writeInt(sorted.size());
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        out.writeUTF(e.getKey());
        KvCodec.writeJson(out, e.getValue());
      }
      dedup.writeTo(out);
    });
  }

  @Override
  public synchronized void restore(byte[] snapshot) {
    KvCodec.read(snapshot, in -> {
      readSnapshot(in);
      return null;
    });
  }

  private void readSnapshot(DataInputStream in) throws IOException {
    int version = in.readInt();
    if (version != SNAPSHOT_VERSION) {
      throw new IllegalArgumentException("unsupported KV snapshot version " + version);
    }
    long index = in.readLong();
    int count = in.readInt();
    Map<String, JsonNode> restored = new HashMap<>();
    for (int i = 0; i < count; i++) {
      restored.put(in.readUTF(), KvCodec.readJson(in));
    }
    dedup.readFrom(in);
    data.clear();
    data.putAll(restored);
    appliedIndex = index;
  }

  /** Number of de-duplication origins remembered (for tests of the bound). */
  synchronized int dedupOrigins() {
    return dedup.originCount();
  }

}
