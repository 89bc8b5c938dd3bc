package io.faultline.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sampler already wrote of one node's checkpoints, so each line carries only what is new:
 * a node repeats its last 64 checkpoints in every status answer, four times a second. A checkpoint
 * whose digest differs from the one written earlier for the same index (a node that applied
 * something else there after a restart) is new and is written again. Bounded: the oldest indices
 * are forgotten first, and a forgotten one reported again is merely written twice.
 */
final class WrittenCheckpoints {
  private static final int REMEMBERED = 4_096;

  private final Map<Long, String> written = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** The checkpoints of {@code reported} not yet written; remembers them as written. */
  synchronized List<DigestCheckpoint> unwritten(List<DigestCheckpoint> reported) {
    List<DigestCheckpoint> fresh = new ArrayList<>();
    for (DigestCheckpoint c : reported) {
      if (!c.digest().equals(written.get(c.index()))) {
        fresh.add(c);
        written.remove(c.index()); // re-inserted as the newest
        written.put(c.index(), c.digest());
      }
    }
    return fresh;
  }
}
