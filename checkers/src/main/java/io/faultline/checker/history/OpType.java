package io.faultline.checker.history;

/** The four kinds of history event (DESIGN.md, "Histories"). */
public enum OpType {
  /** A process began an operation. */
  INVOKE,
  /** It happened. */
  OK,
  /** It certainly did not happen. */
  FAIL,
  /** Unknown: it may or may not have happened, now or later. The process is considered crashed. */
  INFO;

  /** The lower-case name used in JSONL and EDN. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses {@code invoke|ok|fail|info}; null when the name is none of them. */
  public static OpType fromWireName(String name) {
    if (name == null) {
      return null;
    }
    switch (name) {
      case "invoke":
        return INVOKE;
      case "ok":
        return OK;
      case "fail":
        return FAIL;
      case "info":
        return INFO;
      default:
        return null;
    }
  }

  public boolean isCompletion() {
    return this != INVOKE;
  }
}
