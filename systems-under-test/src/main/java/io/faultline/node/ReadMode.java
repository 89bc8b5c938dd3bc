package io.faultline.node;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a node serves {@code GET /kv/{key}}. {@code INDEX} (default) is linearizable (ReadIndex or
 * an equivalent quorum check); {@code LEASE} trusts the node clock and is unsafe under clock skew;
 * {@code LOCAL} reads local state and is deliberately stale. Protocols without a notion of
 * leadership (naive) always read locally.
 */
public enum ReadMode {
  INDEX,
  LEASE,
  LOCAL;

  /** The flag spelling: {@code index}, {@code lease}, {@code local}. */
  public String flagName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ReadMode parse(String text) {
    for (ReadMode mode : values()) {
      if (mode.flagName().equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown read mode '" + text + "'; allowed: " + allowed());
  }

  public static String allowed() {
    return Arrays.stream(values()).map(ReadMode::flagName).collect(Collectors.joining(", "));
  }
}
