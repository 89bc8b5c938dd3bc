package io.faultline.workload;

import io.faultline.generator.KeyLedger;

/**
 * The knobs a workload's generator is built from.
 *
 * @param concurrency number of client workers
 * @param keyGroupSize workers sharing one key at a time (independent-key workloads)
 * @param opsPerKey operations on a key before it is retired (independent-key workloads)
 * @param keyCount number of keys transactions draw from (transactional workloads)
 * @param keysTouched the keys the main phase handed out, filled as it runs; the final phase reads
 *     them (one ledger per run: build the options once per run)
 */
public record WorkloadOptions(int concurrency, int keyGroupSize, long opsPerKey, int keyCount, KeyLedger keysTouched) {

  /** Options with a fresh, empty ledger. */
  public WorkloadOptions(int concurrency, int keyGroupSize, long opsPerKey, int keyCount) {
    this(concurrency, keyGroupSize, opsPerKey, keyCount, new KeyLedger());
  }

  public WorkloadOptions {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
    }
    if (keyGroupSize < 1 || opsPerKey < 1 || keyCount < 1) {
      throw new IllegalArgumentException("keyGroupSize, opsPerKey and keyCount must be >= 1");
    }
  }

  public static WorkloadOptions defaults(int concurrency) {
    return new WorkloadOptions(concurrency, Math.min(concurrency, 5), 100, 8);
  }
}
