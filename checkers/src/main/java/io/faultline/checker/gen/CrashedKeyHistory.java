package io.faultline.checker.gen;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One key of a cas-register run in which nearly every operation crashed, as a partitioned,
 * killed, paused cluster produces: writes and CAS of small values from several concurrent
 * clients, each ending in {@code info} (the client's process is then retired, as in Jepsen, so
 * every crashed operation has a process of its own) or {@code fail}, and after all of them one ok
 * read. With a final read of {@code null} the key is linearizable (no crashed operation took
 * effect); a final read of a value no operation writes is not. Seeded: same arguments, same
 * history.
 */
public final class CrashedKeyHistory {
  private static final int CLIENTS = 8;

  private CrashedKeyHistory() {}

  /**
   * @param crashed operations that end in {@code info}
   * @param failed operations that end in {@code fail}
   * @param values writes and CAS use values 0..values-1 (a third writes, two thirds CAS)
   * @param finalRead what the last, ok, read returns
   */
  public static List<Op> generate(long seed, int crashed, int failed, int values, Object finalRead) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Op> ops = new ArrayList<>();
    int[] process = new int[CLIENTS];
    String[] f = new String[CLIENTS];
    Object[] arg = new Object[CLIENTS];
    for (int c = 0; c < CLIENTS; c++) {
      process[c] = c;
    }
    int nextProcess = CLIENTS;
    int toInvoke = crashed + failed;
    int crashesLeft = crashed;
    int failsLeft = failed;
    int open = 0;
    long time = 0;
    while (toInvoke > 0 || open > 0) {
      int c = rnd.nextInt(CLIENTS);
      time += 1 + rnd.nextInt(1000);
      if (f[c] == null) {
        if (toInvoke == 0) {
          continue;
        }
        toInvoke--;
        open++;
        if (rnd.nextInt(3) == 0) {
          f[c] = "write";
          arg[c] = (long) rnd.nextInt(values);
        } else {
          f[c] = "cas";
          arg[c] = List.of((long) rnd.nextInt(values), (long) rnd.nextInt(values));
        }
        ops.add(new Op(ops.size(), time, process[c], OpType.INVOKE, f[c], null, arg[c], null, null));
      } else {
        boolean crash = rnd.nextInt(crashesLeft + failsLeft) < crashesLeft;
        if (crash) {
          crashesLeft--;
          ops.add(new Op(ops.size(), time, process[c], OpType.INFO, f[c], null, arg[c], null, "timeout"));
          process[c] = nextProcess++;
        } else {
          failsLeft--;
          ops.add(new Op(ops.size(), time, process[c], OpType.FAIL, f[c], null, arg[c], null,
              f[c].equals("cas") ? "cas-mismatch" : "unavailable"));
        }
        f[c] = null;
        open--;
      }
    }
    int reader = nextProcess;
    ops.add(new Op(ops.size(), ++time, reader, OpType.INVOKE, "read", null, null, null, null));
    ops.add(new Op(ops.size(), ++time, reader, OpType.OK, "read", null, finalRead, null, null));
    return ops;
  }
}
