package io.faultline.client;

import io.faultline.checker.history.OpType;

/** How an operation ended: {@code ok}, {@code fail} (certainly did not happen) or {@code info}. */
public record Completion(OpType type, Object value, String error) {

  public static Completion ok(Object value) {
    return new Completion(OpType.OK, value, null);
  }

  public static Completion fail(Object value, String error) {
    return new Completion(OpType.FAIL, value, error);
  }

  public static Completion info(Object value, String error) {
    return new Completion(OpType.INFO, value, error);
  }
}
