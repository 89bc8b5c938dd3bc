package io.faultline.checker.linear;

/** What the search established about one independent part of a history. */
sealed interface PartOutcome {
  /** Partition key (null for a single part). */
  Object key();

  int operations();

  /** A linearisation exists. */
  record Linearizable(Object key, int operations, long memoEntries) implements PartOutcome {}

  /** None exists; {@code evidence} is the deepest dead end the search reached. */
  record NotLinearizable(Object key, int operations, long memoEntries, Counterexample evidence)
      implements PartOutcome {}

  /** The search stopped early ({@code reason}: time, memory, cancelled). */
  record Undecided(Object key, int operations, String reason, int furthest)
      implements PartOutcome {}
}
