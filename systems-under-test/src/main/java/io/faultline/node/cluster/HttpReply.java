package io.faultline.node.cluster;

import com.fasterxml.jackson.databind.JsonNode;

/** An HTTP status and the parsed JSON body (a missing node when the body was empty). */
public record HttpReply(int status, JsonNode body) {
  public boolean ok() {
    return status == 200;
  }

  /** {@code body.value} of a read; JSON null when absent. */
  public JsonNode value() {
    return body.path("value");
  }
}
