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
 * @param values which values the register workloads write
 */
public record WorkloadOptions(int concurrency, int keyGroupSize, long opsPerKey, int keyCount, KeyLedger keysTouched,
    ValueMode values) {

  /** Options with a fresh, empty ledger and unique values. */
  public WorkloadOptions(int concurrency, int keyGroupSize, long opsPerKey, int keyCount) {
    this(concurrency, keyGroupSize, opsPerKey, keyCount, new KeyLedger(), ValueMode.UNIQUE);
  }

  public WorkloadOptions {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
    }
    java.util.Objects.requireNonNull(values, "values");
    if (keyGroupSize < 1 || opsPerKey < 1 || keyCount < 1) {
      throw new IllegalArgumentException("keyGroupSize, opsPerKey and keyCount must be >= 1");
    }
  }

  public static WorkloadOptions defaults(int concurrency) {
    return new WorkloadOptions(concurrency, Math.min(concurrency, 5), 100, 8);
  }

  /** These options with another value mode. */
  public WorkloadOptions withValues(ValueMode mode) {
    return new WorkloadOptions(concurrency, keyGroupSize, opsPerKey, keyCount, keysTouched, mode);
  }
}
