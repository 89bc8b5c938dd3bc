package io.faultline.node.raft.sim;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.node.raft.core.RaftBug;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every deliberate bug is caught by the simulation: the named seed breaks the named invariant with
 * the bug on, and the very same seed runs clean with it off. (Seeds found by sweeping; the
 * scenario tests in {@code core} show the same bugs in scripted form.)
 */
class RaftBugDetectionTest {
  private static final BiFunction<Long, Set<RaftBug>, SimParams> RANDOM =
      (seed, bugs) -> SimParams.random(seed, 3, false, bugs);
  private static final BiFunction<Long, Set<RaftBug>, SimParams> CHURN =
      (seed, bugs) -> SimParams.churn(seed, 3, bugs);

  static Stream<Arguments> caughtBugs() {
    return Stream.of(
        Arguments.of(RaftBug.DOUBLE_VOTE, "random", 21L, "election safety"),
        Arguments.of(RaftBug.STALE_LEADER_READS, "random", 0L, "stale read"),
        Arguments.of(RaftBug.SKIP_FSYNC, "random", 7L, "leader completeness"),
        Arguments.of(RaftBug.COMMIT_OLD_TERM, "churn", 34L, "leader completeness"));
  }

  @ParameterizedTest(name = "{0} caught by {1} seed {2}: {3}")
  @MethodSource("caughtBugs")
  void bugIsCaughtBySeed(RaftBug bug, String mode, long seed, String invariant) {
    BiFunction<Long, Set<RaftBug>, SimParams> params = mode.equals("churn") ? CHURN : RANDOM;
    assertThatThrownBy(() -> new SimCluster(params.apply(seed, Set.of(bug))).run())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(invariant);
    assertThatCode(() -> new SimCluster(params.apply(seed, Set.of())).run())
        .as("the same seed without the bug")
        .doesNotThrowAnyException();
  }
}
