package io.faultline.checker.linear;

/** What the search established about one independent part of a history. */
sealed interface PartOutcome {
  /** Partition key (null for a single part). */
  Object key();

  /** Operations in the part as paired (before any were set aside). */
  int operations();

  /** A linearisation exists. */
  record Linearizable(Object key, int operations, long memoEntries, int setAside)
      implements PartOutcome {}

  /** None exists; {@code evidence} is the deepest dead end the search reached. */
  record NotLinearizable(Object key, int operations, long memoEntries, Counterexample evidence)
      implements PartOutcome {}

  /**
   * The search started but stopped early ({@code reason}: time, memory, cancelled).
   *
   * @param furthest operations in the longest prefix linearised (completed and crashed)
   * @param completed completed operations the search had to linearise (after setting aside)
   * @param furthestCompleted the most of those linearised at once
   * @param setAside operations set aside before the search as unable to matter
   */
  record Undecided(Object key, int operations, String reason, int furthest, int completed,
      int furthestCompleted, int setAside) implements PartOutcome {

    /** The further of two attempts at the same part, with the later reason. */
    Undecided furthestOf(Undecided earlier) {
      return new Undecided(key, operations, reason, Math.max(furthest, earlier.furthest),
          completed, Math.max(furthestCompleted, earlier.furthestCompleted), setAside);
    }
  }

  /** The search of this part never started ({@code reason}: budget gone, or cancelled). */
  record NotSearched(Object key, int operations, String reason) implements PartOutcome {}
}
