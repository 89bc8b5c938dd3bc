package io.faultline.checker.txn;

import java.util.List;

/**
 * One micro-operation of a transaction: {@code ["r", k, v]}, {@code ["w", k, v]} or
 * {@code ["append", k, v]}. For a read, {@code value} is null in an invocation and the value read
 * in an ok completion (a list for list-append, a single value for rw-register).
 */
public record MicroOp(Kind kind, Object key, Object value) {

  /** What a micro-op does. */
  public enum Kind {
    READ("r"),
    WRITE("w"),
    APPEND("append");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    static Kind fromWireName(String name) {
      for (Kind kind : values()) {
        if (kind.wireName.equals(name)) {
          return kind;
        }
      }
      return null;
    }
  }

  public boolean isRead() {
    return kind == Kind.READ;
  }

  public boolean isWrite() {
    return kind != Kind.READ;
  }

  /** The JSON shape {@code [f, k, v]}. */
  public List<Object> toJson() {
    return java.util.Arrays.asList(kind.wireName, key, value);
  }

  public static MicroOp read(Object key, Object value) {
    return new MicroOp(Kind.READ, key, value);
  }

  public static MicroOp write(Object key, Object value) {
    return new MicroOp(Kind.WRITE, key, value);
  }

  public static MicroOp append(Object key, Object value) {
    return new MicroOp(Kind.APPEND, key, value);
  }

  /**
   * Parses {@code [f, k, v]}; the message of the exception says what was wrong (the caller adds
   * where).
   */
  static MicroOp parse(Object json) {
    if (!(json instanceof List<?> list) || list.size() != 3) {
      throw new IllegalArgumentException("expected a micro-op [f, key, value], got " + json);
    }
    Object f = list.get(0);
    Kind kind = f instanceof String s ? Kind.fromWireName(s) : null;
    if (kind == null) {
      throw new IllegalArgumentException(
          "micro-op function must be \"r\", \"w\" or \"append\", got " + f);
    }
    return new MicroOp(kind, list.get(1), list.get(2));
  }

  @Override
  public String toString() {
    return "[" + kind.wireName + " " + key + " " + value + "]";
  }
}
