package io.faultline.checker.gen;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random register histories, produced by simulating clients against a real (atomic)
 * register per key, so that without injected bugs every history is linearizable by construction.
 * Each operation takes effect at a random moment between its invocation and completion; a crashed
 * operation ({@code info}) takes effect or not (coin flip) and its process is retired for a new
 * one, as in Jepsen. A failed CAS ({@code fail}) had no effect.
 *
 * <p>{@link Config#staleReadRate} makes some reads return an old or made-up value: a positive
 * control that usually makes the history non-linearizable. Same config, same history.
 *
 * <p>{@link Config#crashHeavy} is the shape that is hard for a linearizability search: most
 * operations crash, the values come from a small domain, and most operations are CAS, so many
 * crashed operations are pending at once and many of them could explain any observation.
 */
public final class RandomHistoryGenerator {

  /**
   * @param seed random seed
   * @param keys number of independent keys (1 = a single register, with no key on the ops)
   * @param processesPerKey concurrent client processes per key
   * @param operations total operations (invocations) over all keys
   * @param crashRate fraction of operations that end in {@code info}
   * @param cas whether to issue compare-and-set (values 0..4, so some succeed) besides read/write
   * @param staleReadRate fraction of reads that return a wrong value (0 for valid histories)
   * @param values size of the value domain: writes and CAS use 0..values-1
   * @param mix how often each kind of operation is issued
   */
  public record Config(long seed, int keys, int processesPerKey, int operations, double crashRate,
      boolean cas, double staleReadRate, int values, Mix mix) {

    /** The standard mix over values 0..4. */
    public Config(long seed, int keys, int processesPerKey, int operations, double crashRate,
        boolean cas, double staleReadRate) {
      this(seed, keys, processesPerKey, operations, crashRate, cas, staleReadRate, 5, Mix.STANDARD);
    }

    public Config {
      if (values < 1) {
        throw new IllegalArgumentException("values must be at least 1, got " + values);
      }
    }

    /**
     * Crash-heavy: {@code crashRate} of the operations end in {@code info}, values 0..2, and
     * (with CAS) 60 % CAS, 20 % writes, 20 % reads.
     */
    public static Config crashHeavy(long seed, int keys, int processesPerKey, int operations,
        double crashRate, double staleReadRate) {
      return new Config(seed, keys, processesPerKey, operations, crashRate, true, staleReadRate, 3,
          Mix.CAS_HEAVY);
    }
  }

  /** Shares of reads, writes and CAS (CAS only when {@link Config#cas} is set). */
  public enum Mix {
    /** With CAS: 40 % reads, 30 % writes, 30 % CAS; without: half reads, half writes. */
    STANDARD,
    /** With CAS: 20 % reads, 20 % writes, 60 % CAS; without: as {@link #STANDARD}. */
    CAS_HEAVY
  }

  private RandomHistoryGenerator() {}

  public static List<Op> generate(Config c) {
    SplittableRandom rnd = new SplittableRandom(c.seed());
    int slots = c.keys() * c.processesPerKey();
    int[] process = new int[slots];
    int[] phase = new int[slots]; // 0 idle, 1 invoked, 2 applied
    String[] f = new String[slots];
    Object[] arg = new Object[slots];
    Object[] result = new Object[slots];
    boolean[] failed = new boolean[slots];
    Long[] register = new Long[c.keys()];
    int[] remaining = new int[c.keys()];
    Arrays.fill(remaining, c.operations() / c.keys());
    for (int k = 0; k < c.operations() % c.keys(); k++) {
      remaining[k]++;
    }
    for (int s = 0; s < slots; s++) {
      process[s] = s;
    }
    int nextProcess = slots;
    List<Op> ops = new ArrayList<>(2 * c.operations() + 16);
    // Slots still busy or with work left; picked at random each step.
    int[] live = new int[slots];
    int liveCount = slots;
    for (int s = 0; s < slots; s++) {
      live[s] = s;
    }
    long time = 0;
    while (liveCount > 0) {
      int li = rnd.nextInt(liveCount);
      int s = live[li];
      int k = s / c.processesPerKey();
      Object key = c.keys() == 1 ? null : (Object) (long) k;
      time += 1 + rnd.nextInt(1000);
      switch (phase[s]) {
        case 0 -> {
          if (remaining[k] == 0) {
            live[li] = live[--liveCount];
            continue;
          }
          remaining[k]--;
          int dice = rnd.nextInt(c.cas() ? 10 : 2);
          int reads = c.mix() == Mix.CAS_HEAVY ? 2 : 4;
          int writes = c.mix() == Mix.CAS_HEAVY ? 2 : 3;
          if (dice == 0 || (c.cas() && dice < reads)) {
            f[s] = "read";
            arg[s] = null;
          } else if (!c.cas() || dice < reads + writes) {
            f[s] = "write";
            arg[s] = (long) rnd.nextInt(c.values());
          } else {
            f[s] = "cas";
            arg[s] = List.of((long) rnd.nextInt(c.values()), (long) rnd.nextInt(c.values()));
          }
          ops.add(new Op(ops.size(), time, process[s], OpType.INVOKE, f[s], key, arg[s], null, null));
          phase[s] = 1;
        }
        case 1 -> {
          if (rnd.nextDouble() < c.crashRate()) {
            if (rnd.nextBoolean()) {
              apply(s, k, register, f, arg, result, failed, rnd, c.staleReadRate(), c.values());
            }
            ops.add(new Op(ops.size(), time, process[s], OpType.INFO, f[s], key, arg[s], null, "timeout"));
            process[s] = nextProcess++;
            phase[s] = 0;
          } else {
            apply(s, k, register, f, arg, result, failed, rnd, c.staleReadRate(), c.values());
            phase[s] = 2;
          }
        }
        default -> {
          OpType type = failed[s] ? OpType.FAIL : OpType.OK;
          ops.add(new Op(ops.size(), time, process[s], type, f[s], key, result[s], null,
              failed[s] ? "cas-mismatch" : null));
          phase[s] = 0;
        }
      }
    }
    return ops;
  }

  private static void apply(int s, int k, Long[] register, String[] f, Object[] arg,
      Object[] result, boolean[] failed, SplittableRandom rnd, double staleReadRate, int values) {
    failed[s] = false;
    switch (f[s]) {
      case "read" -> result[s] = rnd.nextDouble() < staleReadRate
          ? (Object) (long) rnd.nextInt(values) : register[k];
      case "write" -> {
        register[k] = (Long) arg[s];
        result[s] = arg[s];
      }
      default -> {
        List<?> p = (List<?>) arg[s];
        if (p.get(0).equals(register[k])) {
          register[k] = (Long) p.get(1);
        } else {
          failed[s] = true;
        }
        result[s] = arg[s];
      }
    }
  }
}
