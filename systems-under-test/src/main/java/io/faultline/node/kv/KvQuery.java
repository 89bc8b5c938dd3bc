package io.faultline.node.kv;

/** A read-only request served by {@code Consensus.query}. */
public sealed interface KvQuery {
  /** {@code GET /kv/{key}}. */
  record Get(String key) implements KvQuery {}
}
