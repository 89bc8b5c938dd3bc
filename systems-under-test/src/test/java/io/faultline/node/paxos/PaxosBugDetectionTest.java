package io.faultline.node.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Positive controls: every deliberate bug must make the simulation report a violation for some
 * seed (the search is deterministic, so the catching seed is stable and named in the output).
 */
class PaxosBugDetectionTest {
  private static final int MAX_SEEDS = 60;

  @ParameterizedTest
  @EnumSource(PaxosBug.class)
  void everyBugIsCaughtBySomeSeed(PaxosBug bug) {
    for (long seed = 1; seed <= MAX_SEEDS; seed++) {
      PaxosSimulation.Result r = new PaxosSimulation(
          PaxosSimulation.Options.standard(3, seed).withBugs(Set.of(bug))).run();
      if (r.violation() != null) {
        System.out.println("--bug " + bug.flagName() + " caught by seed " + seed + ": " + r.violation());
        return;
      }
    }
    assertThat((String) null).as("--bug %s caught by a seed in 1..%d", bug.flagName(), MAX_SEEDS).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(value = ReadPolicy.class, names = "LOCAL")
  void localReadsAreCaughtStale(ReadPolicy policy) {
    for (long seed = 1; seed <= MAX_SEEDS; seed++) {
      PaxosSimulation.Result r = new PaxosSimulation(
          PaxosSimulation.Options.standard(3, seed).withReadPolicy(policy)).run();
      if (r.violation() != null) {
        assertThat(r.violation()).contains("read");
        return;
      }
    }
    assertThat((String) null).as("--read-mode local caught stale in 1..%d", MAX_SEEDS).isNotNull();
  }
}
