package io.faultline.checker.history;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Small helpers for JSON-shaped history values. */
public final class Values {
  private Values() {}

  /** Compact JSON text of a value, for messages and evidence. */
  public static String show(Object value) {
    try {
      return JsonValues.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  /** Parses JSON text into a JSON-shaped value (integers as Long); throws on bad JSON. */
  public static Object parse(String json) throws JsonProcessingException {
    return JsonValues.mapper().readValue(json, Object.class);
  }
}
