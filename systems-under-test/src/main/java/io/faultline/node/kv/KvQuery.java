package io.faultline.node.kv;

import java.util.List;

/** A read-only request served by {@code Consensus.query}. */
public sealed interface KvQuery {
  /** {@code GET /kv/{key}}. */
  record Get(String key) implements KvQuery {}

  /**
   * {@code POST /txn} whose micro-ops are all reads. It changes nothing, so it is served like a
   * get — through the protocol's read path (ReadIndex, lease or local) rather than the log — which
   * is what lets the read modes, and their bugs, apply to transactions too.
   */
  record ReadTxn(List<MicroOp> ops) implements KvQuery {
    public ReadTxn {
      ops = List.copyOf(ops);
      for (MicroOp op : ops) {
        if (op.kind() != MicroOp.Kind.READ) {
          throw new IllegalArgumentException("a read-only transaction holds only reads, not " + op.kind().spelling());
        }
      }
    }

    /** True when every micro-op of {@code ops} is a read (and there is at least one). */
    public static boolean readsOnly(List<MicroOp> ops) {
      return !ops.isEmpty() && ops.stream().allMatch(op -> op.kind() == MicroOp.Kind.READ);
    }
  }
}
