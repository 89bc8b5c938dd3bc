package io.faultline.node.paxos;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulation's replicated state: the sequence of command keys applied so far. A read returns
 * its length, which is enough to judge whether a read saw every write acknowledged before it.
 */
final class SimStateMachine {
  private final List<Long> applied = new ArrayList<>();

  /** Applies one command and returns its 1-based position in the global command order. */
  long apply(long commandKey) {
    applied.add(commandKey);
    return applied.size();
  }

  long size() {
    return applied.size();
  }

  List<Long> applied() {
    return applied;
  }

  byte[] snapshot() {
    ByteBuffer b = ByteBuffer.allocate(8 * applied.size());
    applied.forEach(b::putLong);
    return b.array();
  }

  void restore(byte[] bytes) {
    applied.clear();
    if (bytes == null) {
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      applied.add(b.getLong());
    }
  }

  static long key(Command c) {
    return ByteBuffer.wrap(c.payload()).getLong();
  }
}
