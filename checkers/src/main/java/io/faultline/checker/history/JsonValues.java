package io.faultline.checker.history;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson configuration for history values: every integer becomes a {@link Long}. */
public final class JsonValues {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private JsonValues() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
