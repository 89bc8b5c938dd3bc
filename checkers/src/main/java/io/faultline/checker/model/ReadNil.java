package io.faultline.checker.model;

/** What an ok read that returned nil/null means; differs between history formats. */
public enum ReadNil {
  /** The register/key was empty (native JSONL, Porcupine etcd logs). */
  EMPTY,
  /** The value is unknown, so any state is fine (Knossos EDN histories). */
  ANY
}
