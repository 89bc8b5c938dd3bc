package io.faultline.workload;

import java.util.Locale;

/** Which values the register workloads write ({@code --values}). */
public enum ValueMode {
  /**
   * Every written value is new to the whole run, so every read names the one write it saw: a lost,
   * phantom or resurrected write cannot hide behind another write of the same value. A CAS
   * expects the value its worker wrote last (it succeeds while nobody has overwritten it).
   */
  UNIQUE,
  /** Values 0–4, Jepsen's classic: CAS matches often, a read cannot tell equal writes apart. */
  SMALL;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code unique} or {@code small}; anything else is an {@link IllegalArgumentException}. */
  public static ValueMode parse(String name) {
    for (ValueMode m : values()) {
      if (m.cliName().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown value mode '" + name + "' (allowed: unique, small)");
  }
}
