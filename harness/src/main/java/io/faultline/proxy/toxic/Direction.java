package io.faultline.proxy.toxic;

import java.util.Locale;
import java.util.Optional;

/** Which way bytes flow: {@code UPSTREAM} client to server, {@code DOWNSTREAM} server to client. */
public enum Direction {
  UPSTREAM,
  DOWNSTREAM;

  /** Parses a stream name case-insensitively, as the real server does; empty is not a stream. */
  public static Optional<Direction> parse(String stream) {
    return switch (stream.toLowerCase(Locale.ROOT)) {
      case "upstream" -> Optional.of(UPSTREAM);
      case "downstream" -> Optional.of(DOWNSTREAM);
      default -> Optional.empty();
    };
  }
}
