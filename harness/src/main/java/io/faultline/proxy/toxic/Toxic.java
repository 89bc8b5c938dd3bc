package io.faultline.proxy.toxic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One toxic as the API sees it. {@code stream} is kept exactly as the client typed it (the real
 * server echoes {@code "UPSTREAM"} back as given); {@code direction} is what it means.
 * {@code attributeValues} holds every attribute of the type, in print order.
 */
public record Toxic(
    String name,
    ToxicType type,
    String stream,
    Direction direction,
    float toxicity,
    Map<String, Long> attributeValues,
    ToxicAttributes attributes) {

  public Toxic {
    attributeValues = Collections.unmodifiableMap(new LinkedHashMap<>(attributeValues));
  }

  /** Creates a toxic; attributes missing from {@code given} are zero, unknown ones are dropped. */
  public static Toxic create(
      String name,
      ToxicType type,
      String stream,
      Direction direction,
      float toxicity,
      Map<String, Long> given) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String attribute : type.attributeNames()) {
      values.put(attribute, given.getOrDefault(attribute, 0L));
    }
    return new Toxic(name, type, stream, direction, toxicity, values, type.attributes(values));
  }

  /** The real server's update: attributes merged key by key, toxicity replaced only if given. */
  public Toxic update(Map<String, Long> changedAttributes, Float newToxicity) {
    Map<String, Long> values = new LinkedHashMap<>(attributeValues);
    for (Map.Entry<String, Long> e : changedAttributes.entrySet()) {
      if (values.containsKey(e.getKey())) {
        values.put(e.getKey(), e.getValue());
      }
    }
    float t = newToxicity == null ? toxicity : newToxicity;
    return new Toxic(name, type, stream, direction, t, values, type.attributes(values));
  }
}
