package io.faultline.node.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * One step of a transaction, as in DESIGN.md: {@code ["r", k, v]} (v filled by the read),
 * {@code ["w", k, v]}, {@code ["append", k, v]}.
 */
public record MicroOp(Kind kind, String key, JsonNode value) {

  /** The operation of a micro-op and its wire spelling. */
  public enum Kind {
    READ("r"),
    WRITE("w"),
    APPEND("append");

    private final String spelling;

    Kind(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }

    public static Kind parse(String text) {
      for (Kind k : values()) {
        if (k.spelling.equals(text)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown micro-op '" + text + "'; allowed: r, w, append");
    }
  }

  public MicroOp {
    if (key == null) {
      throw new IllegalArgumentException("micro-op key is null");
    }
    value = value == null ? NullNode.getInstance() : value;
  }

  public MicroOp withValue(JsonNode newValue) {
    return new MicroOp(kind, key, newValue);
  }
}
