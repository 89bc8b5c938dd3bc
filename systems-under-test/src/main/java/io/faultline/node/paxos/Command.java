package io.faultline.node.paxos;

import java.util.Arrays;

/**
 * One client command inside a slot. {@code origin} (node index) and {@code id} identify it across
 * the cluster: the origin node completes its client's future when it applies the command, and
 * leaders use the pair to drop duplicated forwards. Ids must never repeat for one origin, even
 * across restarts (the shell seeds them from a fresh random base).
 */
public record Command(int origin, long id, byte[] payload) {

  @Override
  public boolean equals(Object o) {
    return o instanceof Command c && c.origin == origin && c.id == id && Arrays.equals(c.payload, payload);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(id) + origin;
  }

  @Override
  public String toString() {
    return "cmd(" + origin + ":" + id + ")";
  }
}
