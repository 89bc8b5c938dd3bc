package io.faultline.node.paxos;

/** Manual runner: prints the outcome of a range of seeds (not a test). */
final class SimDebug {
  public static void main(String[] args) {
    int nodes = Integer.parseInt(args[0]);
    long from = Long.parseLong(args[1]);
    long to = Long.parseLong(args[2]);
    java.util.Set<PaxosBug> bugs = args.length > 3 && !args[3].equals("-") ? java.util.Set.of(PaxosBug.parse(args[3])) : java.util.Set.of();
    ReadPolicy policy = args.length > 4 ? ReadPolicy.valueOf(args[4]) : ReadPolicy.CONFIRMED;
    long t0 = System.nanoTime();
    boolean trace = System.getenv("SIMDEBUG") != null;
    int bad = 0;
    for (long seed = from; seed < to; seed++) {
      PaxosSimulation sim = new PaxosSimulation(PaxosSimulation.Options.standard(nodes, seed).withBugs(bugs).withReadPolicy(policy)).trace(trace);
      PaxosSimulation.Result r = sim.run();
      if (r.violation() != null || !r.converged()) {
        bad++;
        System.out.println("seed " + seed + ": " + r);
        System.out.print(sim.describe());
      } else if (seed % 20 == 0) {
        System.out.println("seed " + seed + " ok " + r);
      }
    }
    System.out.println("bad=" + bad + " ms=" + (System.nanoTime() - t0) / 1_000_000);
  }
}
