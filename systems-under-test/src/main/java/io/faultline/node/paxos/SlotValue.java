package io.faultline.node.paxos;

import java.util.List;

/**
 * The value decided in one slot: a batch of commands, applied in order. An empty batch is the
 * no-op a new leader uses to fill gaps it found in Phase 1.
 */
public record SlotValue(List<Command> commands) {
  public static final SlotValue NOOP = new SlotValue(List.of());

  public SlotValue {
    commands = List.copyOf(commands);
  }

  public boolean isNoop() {
    return commands.isEmpty();
  }

  /** Approximate encoded size, used to bound batches and catch-up replies. */
  public int sizeBytes() {
    int size = 4;
    for (Command c : commands) {
      size += 16 + c.payload().length;
    }
    return size;
  }
}
