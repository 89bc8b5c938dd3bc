package io.faultline.nemesis;

import io.faultline.net.Grudge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fault as data; {@link FaultApplier} applies and heals it. Each kind knows the history
 * {@code f} names of its start and its heal and the JSON value recorded with them.
 */
public sealed interface Fault permits Fault.Partition, Fault.Kill, Fault.Pause, Fault.ClockChange, Fault.Latency {

  String startF();

  String healF();

  Object toJson();

  /** Network partition of the given shape. */
  record Partition(String shape, Grudge grudge) implements Fault {
    public String startF() {
      return "start-partition";
    }

    public String healF() {
      return "stop-partition";
    }

    public Object toJson() {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("shape", shape);
      v.put("grudge", grudge.toJson());
      return v;
    }
  }

  /** SIGKILL these nodes; healing restarts them with their data. */
  record Kill(String target, List<String> nodes) implements Fault {
    public String startF() {
      return "kill";
    }

    public String healF() {
      return "restart";
    }

    public Object toJson() {
      return Map.of("target", target, "nodes", nodes);
    }
  }

  /** SIGSTOP these nodes; healing resumes them. */
  record Pause(String target, List<String> nodes) implements Fault {
    public String startF() {
      return "pause";
    }

    public String healF() {
      return "resume";
    }

    public Object toJson() {
      return Map.of("target", target, "nodes", nodes);
    }
  }

  /**
   * Changes node clocks: {@code bump} (offset jump), {@code strobe} (offset flipping between 0 and
   * {@code offsetMs} every {@code periodMs} for {@code durationMs}), {@code skew} (rate change).
   * Healing resets every changed node to offset 0, rate 1.
   */
  record ClockChange(String mode, List<String> nodes, long offsetMs, double rate, long periodMs, long durationMs)
      implements Fault {
    public String startF() {
      return mode + "-clock";
    }

    public String healF() {
      return "reset-clock";
    }

    public Object toJson() {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("mode", mode);
      v.put("nodes", nodes);
      v.put("offset-ms", offsetMs);
      v.put("rate", rate);
      if ("strobe".equals(mode)) {
        v.put("period-ms", periodMs);
        v.put("duration-ms", durationMs);
      }
      return v;
    }
  }

  /**
   * Latency with jitter on every peer link: {@code latencyMs} on each, or, when {@code perLink}
   * is not empty ("uneven"), the latency it gives each directed link {@code "a->b"}.
   */
  record Latency(long latencyMs, long jitterMs, Map<String, Long> perLink) implements Fault {
    public Latency {
      perLink = Map.copyOf(perLink);
    }

    public Latency(long latencyMs, long jitterMs) {
      this(latencyMs, jitterMs, Map.of());
    }

    public boolean uneven() {
      return !perLink.isEmpty();
    }

    public String startF() {
      return "start-latency";
    }

    public String healF() {
      return "stop-latency";
    }

    public Object toJson() {
      if (uneven()) {
        return Map.of("shape", "uneven", "max-latency-ms", latencyMs, "jitter-ms", jitterMs,
            "links-ms", new java.util.TreeMap<>(perLink));
      }
      return Map.of("latency-ms", latencyMs, "jitter-ms", jitterMs);
    }
  }
}
