package io.faultline.checker.history;

import java.util.Optional;

/**
 * Time running backwards in file order: a record whose time is earlier than that of a record above
 * it. Legal — file order is real-time order and no checker reads the times — but worth a word:
 * Faultline stamps index and time under one lock, so in its own histories it never happens, and in
 * another tool's it means the times are not what they seem. Knossos's own recorded histories do it
 * (checkers/README.md, "Formats"), which is why this is a warning and not an error. A completion timed before its own invocation is
 * the one reversal that is an error ({@link Pairing}).
 *
 * @param line the first record whose time is earlier than an earlier line's
 * @param time its time
 * @param aboveLine the line above it holding the latest time so far
 * @param aboveTime that line's time
 * @param count how many records in the file are timed before some record above them
 */
public record TimeReversal(String source, int line, long time, int aboveLine, long aboveTime, int count) {

  /** The first reversal of {@code history} with the total count, or empty when time never runs back. */
  public static Optional<TimeReversal> find(History history) {
    TimeReversal first = null;
    int count = 0;
    long latest = Long.MIN_VALUE;
    int latestLine = 0;
    for (int i = 0; i < history.size(); i++) {
      if (!history.timed(i)) {
        continue;
      }
      long t = history.ops().get(i).time();
      if (t < latest) {
        count++;
        if (first == null) {
          first = new TimeReversal(history.source(), history.line(i), t, latestLine, latest, 0);
        }
      } else {
        latest = t;
        latestLine = history.line(i);
      }
    }
    return first == null ? Optional.empty()
        : Optional.of(new TimeReversal(first.source, first.line, first.time, first.aboveLine, first.aboveTime, count));
  }

  /** One line for a person, {@code file:line: what}. */
  public String message() {
    return source + ":" + line + ": time " + time + " is earlier than line " + aboveLine + "'s " + aboveTime
        + (count > 1 ? " (time runs backwards at " + count + " records)" : "")
        + "; file order is taken as real-time order";
  }
}
