package io.faultline.node.consensus;

import java.util.List;

/** Where {@code GET /admin/status} reads the recent checkpoints of the applied log's digest chain. */
public interface AppliedDigests {

  /** The most recent checkpoints, oldest first; safe to call from any thread. */
  List<AppliedDigest> recent();

  /** False once the chain broke (an index out of order, an old snapshot): no new checkpoints come. */
  boolean chained();
}
