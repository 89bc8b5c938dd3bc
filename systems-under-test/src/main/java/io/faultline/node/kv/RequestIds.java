package io.faultline.node.kv;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out {@link RequestId}s for requests this node receives. The origin includes the node's
 * incarnation (a counter persisted across restarts), so sequence numbers restarting at 1 after a
 * crash never collide with ids the cluster already de-duplicates.
 */
public final class RequestIds {
  private final String origin;
  private final AtomicLong next = new AtomicLong(1);

  public RequestIds(String nodeId, long incarnation) {
    this.origin = nodeId + "#" + incarnation;
  }

  public RequestId next() {
    return new RequestId(origin, next.getAndIncrement());
  }

  public String origin() {
    return origin;
  }
}
