package io.faultline.generator;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The independent keys a run's main phase handed out, so its final phase can read every one of
 * them. Without final reads an acknowledged write that a crash later lost goes unseen whenever
 * its key was retired before the cluster came back (failed operations during an outage use up a
 * key's operations fast). Thread safe: every worker records into the same ledger.
 */
public final class KeyLedger {
  /** "k2" before "k10": by length, then text, so the final phase is the same for the same keys. */
  private static final Comparator<String> NATURAL =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  private final Set<String> keys = ConcurrentHashMap.newKeySet();

  public void record(String key) {
    keys.add(key);
  }

  /** The keys recorded so far, in a stable order. */
  public List<String> keys() {
    return keys.stream().sorted(NATURAL).toList();
  }
}
