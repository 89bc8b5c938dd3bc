package io.faultline.checker.linear;

/**
 * Which candidates {@link PartSearch} tries first. The answer never depends on it; the time does.
 * Checks take turns between the two orders ({@link #ALTERNATE}); the single orders exist so
 * tests can check each one's search on its own.
 */
enum SearchOrder {
  /** Two searches take turns, one in each order; the first answer stands. */
  ALTERNATE,
  /** Crashed candidates before completed ones. */
  CRASHED_FIRST,
  /** Completed candidates before crashed ones. */
  COMPLETED_FIRST
}
