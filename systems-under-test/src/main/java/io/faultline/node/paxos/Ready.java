package io.faultline.node.paxos;

import io.faultline.node.paxos.PaxosMessage.SlotProposal;
import java.util.List;

/**
 * One batch of work the core hands its shell. The shell must handle it in this order: install
 * {@code snapshot} (if any) and durably write {@code persist} (fsync); only then send
 * {@code messages}, apply {@code apply} to the state machine in order, and complete client work.
 *
 * @param snapshot a snapshot learned from a peer that replaces the state machine, or null
 * @param apply decided slots, contiguous and in order, to apply after the snapshot
 * @param readsReady reads that may now be served from local state (after {@code apply})
 * @param readsFailed reads that were refused (no leader, leadership lost)
 * @param rejected locally originated commands that certainly never entered any slot
 * @param abandoned locally originated commands whose fate is unknown (leadership lost after
 *     proposing)
 */
public record Ready(
    SnapshotInstall snapshot,
    List<DurableRecord> persist,
    List<Outbound> messages,
    List<SlotProposal> apply,
    List<Long> readsReady,
    List<Long> readsFailed,
    List<Long> rejected,
    List<Long> abandoned) {

  /** A message for peer {@code to} (never this node). */
  public record Outbound(int to, PaxosMessage message) {}

  /** A peer's snapshot covering every slot up to {@code lastSlot}. */
  public record SnapshotInstall(long lastSlot, byte[] bytes) {}

  public boolean isEmpty() {
    return snapshot == null
        && persist.isEmpty()
        && messages.isEmpty()
        && apply.isEmpty()
        && readsReady.isEmpty()
        && readsFailed.isEmpty()
        && rejected.isEmpty()
        && abandoned.isEmpty();
  }
}
