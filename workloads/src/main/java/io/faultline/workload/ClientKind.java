package io.faultline.workload;

/**
 * Which client mapping turns a workload's operations into requests (DESIGN.md client API). The
 * harness owns the mappings; a workload only names the one its operations are written for.
 */
public enum ClientKind {
  /** {@code read}/{@code write}/{@code cas} on {@code /kv/{key}}. */
  REGISTER,
  /** {@code add} as a one-append transaction, {@code read} as a one-read transaction of the set's key. */
  SET,
  /** {@code txn} with micro-ops through {@code POST /txn}. */
  TXN
}
