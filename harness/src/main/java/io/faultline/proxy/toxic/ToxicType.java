package io.faultline.proxy.toxic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The toxic types of Toxiproxy 2.12 with their attribute names (in the order the real server
 * prints them) and the validation this server adds where the real one would crash (negative
 * bandwidth rate, slicer sizes that recurse forever or slice out of bounds, negative limits).
 */
public enum ToxicType {
  LATENCY("latency", "LatencyToxic", List.of("latency", "jitter")),
  BANDWIDTH("bandwidth", "BandwidthToxic", List.of("rate")),
  SLOW_CLOSE("slow_close", "SlowCloseToxic", List.of("delay")),
  TIMEOUT("timeout", "TimeoutToxic", List.of("timeout")),
  RESET_PEER("reset_peer", "ResetToxic", List.of("timeout")),
  SLICER("slicer", "SlicerToxic", List.of("average_size", "size_variation", "delay")),
  LIMIT_DATA("limit_data", "LimitDataToxic", List.of("bytes")),
  NOOP("noop", "NoopToxic", List.of());

  private final String wireName;
  private final String goStruct;
  private final List<String> attributeNames;

  ToxicType(String wireName, String goStruct, List<String> attributeNames) {
    this.wireName = wireName;
    this.goStruct = goStruct;
    this.attributeNames = attributeNames;
  }

  /** The name used in JSON ({@code "slow_close"}); matching is exact, as in the real server. */
  public String wireName() {
    return wireName;
  }

  /** The Go struct the real server decodes attributes into; used in error messages. */
  public String goStruct() {
    return goStruct;
  }

  public List<String> attributeNames() {
    return attributeNames;
  }

  public static Optional<ToxicType> fromWireName(String name) {
    for (ToxicType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * Builds typed attributes from a complete map (every name of this type present).
   *
   * @throws IllegalArgumentException with a one-line reason when a value would break the proxy
   */
  public ToxicAttributes attributes(Map<String, Long> values) {
    return switch (this) {
      case LATENCY -> new ToxicAttributes.Latency(values.get("latency"), values.get("jitter"));
      case BANDWIDTH -> new ToxicAttributes.Bandwidth(nonNegative(values, "rate"));
      case SLOW_CLOSE -> new ToxicAttributes.SlowClose(values.get("delay"));
      case TIMEOUT -> new ToxicAttributes.Timeout(values.get("timeout"));
      case RESET_PEER -> new ToxicAttributes.ResetPeer(values.get("timeout"));
      case SLICER -> slicer(values);
      case LIMIT_DATA -> new ToxicAttributes.LimitData(nonNegative(values, "bytes"));
      case NOOP -> new ToxicAttributes.Noop();
    };
  }

  private ToxicAttributes.Slicer slicer(Map<String, Long> values) {
    long average = values.get("average_size");
    long variation = nonNegative(values, "size_variation");
    long delay = nonNegative(values, "delay");
    if (average < 1) {
      throw new IllegalArgumentException(
          "invalid attribute average_size of slicer: must be at least 1, got " + average);
    }
    if (variation > average) {
      throw new IllegalArgumentException(
          "invalid attribute size_variation of slicer: must not exceed average_size ("
              + average
              + "), got "
              + variation);
    }
    return new ToxicAttributes.Slicer(average, variation, delay);
  }

  private long nonNegative(Map<String, Long> values, String name) {
    long value = values.get(name);
    if (value < 0) {
      throw new IllegalArgumentException(
          "invalid attribute " + name + " of " + wireName + ": must not be negative, got " + value);
    }
    return value;
  }
}
