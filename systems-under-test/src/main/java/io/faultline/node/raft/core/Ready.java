package io.faultline.node.raft.core;

import java.util.List;

/**
 * One batch of work the core hands its shell. The shell must, in this order:
 * <ol>
 *   <li>persist {@link #hardState} (if not null), {@link #snapshot} (if not null; the state machine
 *       is then restored from it) and {@link #entries} — truncating its log at
 *       {@code entries.get(0).index()} first — and make them durable;
 *   <li>send {@link #messages} (they may promise what was just persisted);
 *   <li>apply {@link #committedEntries} in order, and answer {@link #readStates} once the applied
 *       index reaches each one's index; fail {@link #failedReads};
 *   <li>call {@link RaftCore#advance(Ready)}.
 * </ol>
 */
public record Ready(
    HardState hardState,
    Snapshot snapshot,
    List<Entry> entries,
    List<RaftMessage> messages,
    List<Entry> committedEntries,
    List<ReadState> readStates,
    List<Long> failedReads) {

  public boolean isEmpty() {
    return hardState == null
        && snapshot == null
        && entries.isEmpty()
        && messages.isEmpty()
        && committedEntries.isEmpty()
        && readStates.isEmpty()
        && failedReads.isEmpty();
  }

  /** Whether anything must be made durable before {@link #messages} go out. */
  public boolean needsPersist() {
    return hardState != null || snapshot != null || !entries.isEmpty();
  }
}
