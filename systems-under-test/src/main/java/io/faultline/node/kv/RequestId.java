package io.faultline.node.kv;

/**
 * Identifies one client request for de-duplication: the node (incarnation) that first received
 * it and a sequence number unique within that origin. A forwarded or retried command keeps its
 * id, so it is applied at most once.
 */
public record RequestId(String origin, long seq) {
  public RequestId {
    if (origin == null || origin.isEmpty()) {
      throw new IllegalArgumentException("request origin is empty");
    }
  }
}
