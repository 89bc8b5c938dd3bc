package io.faultline.workload;

/**
 * The knobs a workload's generator is built from.
 *
 * @param concurrency number of client workers
 * @param keyGroupSize workers sharing one key at a time (independent-key workloads)
 * @param opsPerKey operations on a key before it is retired (independent-key workloads)
 * @param keyCount number of keys transactions draw from (transactional workloads)
 */
public record WorkloadOptions(int concurrency, int keyGroupSize, long opsPerKey, int keyCount) {

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
