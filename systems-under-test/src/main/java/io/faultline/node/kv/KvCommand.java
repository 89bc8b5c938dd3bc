package io.faultline.node.kv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A state-changing command; every one carries its de-duplication id. */
public sealed interface KvCommand {
  RequestId id();

  /** {@code PUT /kv/{key}}: sets the key (null removes it). */
  record Put(RequestId id, String key, JsonNode value) implements KvCommand {}

  /** {@code POST /kv/{key}/cas}: sets the key to {@code value} iff it equals {@code expect}. */
  record Cas(RequestId id, String key, JsonNode expect, JsonNode value) implements KvCommand {}

  /** {@code POST /txn}: applies the micro-ops atomically, reads filled in. */
  record Txn(RequestId id, List<MicroOp> ops) implements KvCommand {
    public Txn {
      ops = List.copyOf(ops);
    }
  }
}
