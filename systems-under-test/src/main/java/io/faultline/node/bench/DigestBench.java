package io.faultline.node.bench;

import com.fasterxml.jackson.databind.node.IntNode;
import io.faultline.node.consensus.DigestingStateMachine;
import io.faultline.node.consensus.StateMachine;
import io.faultline.node.kv.KvCodec;
import io.faultline.node.kv.KvCommand;
import io.faultline.node.kv.KvStateMachine;
import io.faultline.node.kv.RequestId;
import java.util.Locale;

/**
 * What the applied-log digest chain costs per applied command, in one thread without the network
 * or the disk: the same puts applied to a bare {@link KvStateMachine} and to one wrapped in
 * {@link DigestingStateMachine}, alternated round by round so both see the same machine load.
 * Timed in this thread's CPU time, so a machine shared with other work stretches neither side.
 *
 * <pre>
 * java -cp systems-under-test/target/kv-node.jar io.faultline.node.bench.DigestBench [commands] [rounds]
 * </pre>
 */
public final class DigestBench {
  private DigestBench() {}

  public static void main(String[] args) {
    int commands = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    byte[][] puts = new byte[commands][];
    for (int i = 0; i < commands; i++) {
      puts[i] = KvCodec.encode(new KvCommand.Put(new RequestId("n1#1", i + 1), "k" + i % 1_000, IntNode.valueOf(i)));
    }
    System.out.printf(Locale.ROOT, "%d puts of %d-%d bytes per round%n", commands, puts[0].length,
        puts[commands - 1].length);
    System.out.println("round   bare CPU ns/apply   digesting CPU ns/apply");
    for (int r = 1; r <= rounds; r++) {
      double bare = nanosPerApply(new KvStateMachine(), puts);
      double digesting = nanosPerApply(new DigestingStateMachine(new KvStateMachine()), puts);
      System.out.printf(Locale.ROOT, "%5d   %17.0f   %22.0f%n", r, bare, digesting);
    }
  }

  private static double nanosPerApply(StateMachine sm, byte[][] puts) {
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long start = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < puts.length; i++) {
      sm.apply(i + 1, puts[i]);
    }
    return (cpu.getCurrentThreadCpuTime() - start) / (double) puts.length;
  }
}
