package io.faultline.node.kv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The state machine's output for a command or query. */
public sealed interface KvResult {

  /** A put took effect. */
  record Written() implements KvResult {}

  /** A read's value (JSON null when absent), or a cas that took effect (value = new value). */
  record Value(JsonNode value) implements KvResult {}

  /** A cas whose expectation did not hold: applied as a no-op. */
  record CasMismatch(JsonNode actual) implements KvResult {}

  /** A transaction that committed, reads filled in. */
  record TxnDone(List<MicroOp> ops) implements KvResult {
    public TxnDone {
      ops = List.copyOf(ops);
    }
  }

  /** The command was deterministically refused with no effect (e.g. append to a non-list). */
  record Rejected(String reason) implements KvResult {}

  /**
   * A duplicate of a command so old its result was forgotten: it was not applied now, and
   * whether it was applied before is unknown here.
   */
  record Expired() implements KvResult {}
}
