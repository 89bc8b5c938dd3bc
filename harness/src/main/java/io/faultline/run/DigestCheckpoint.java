package io.faultline.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One checkpoint of a node's applied-log digest chain as {@code GET /admin/status} reports it in
 * {@code appliedDigests}: after applying index {@code index} the node's chain stood at
 * {@code digest}. Nodes that applied the same commands at 1..index report the same digest.
 */
public record DigestCheckpoint(long index, String digest) {

  /**
   * The checkpoints in a status answer's {@code appliedDigests}; empty when the node does not
   * report the field. Entries that are not {@code {"index": n, "digest": "hex"}} are left out:
   * the sampler passes on only what it can vouch for.
   */
  public static Optional<List<DigestCheckpoint>> fromStatus(Map<String, Object> status) {
    if (!(status.get("appliedDigests") instanceof List<?> entries)) {
      return Optional.empty();
    }
    List<DigestCheckpoint> out = new ArrayList<>(entries.size());
    for (Object e : entries) {
      if (e instanceof Map<?, ?> m && m.get("index") instanceof Number n && m.get("digest") instanceof String d
          && !d.isEmpty()) {
        out.add(new DigestCheckpoint(n.longValue(), d));
      }
    }
    return Optional.of(out);
  }
}
