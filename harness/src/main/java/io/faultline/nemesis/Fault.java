package io.faultline.nemesis;

import io.faultline.net.Grudge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fault as data; {@link FaultApplier} applies and heals it. Each kind knows the history
 * {@code f} names of its start and its heal and the JSON value recorded with them.
 */
public sealed interface Fault
    permits Fault.Partition, Fault.Kill, Fault.Pause, Fault.ClockChange, Fault.Latency, Fault.Churn {

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
   * Leader churn: the node that leads is taken down ({@code kill}ed or {@code pause}d), and each
   * node that wins leadership while the fault lasts is taken down too, soon after it appears (the
   * previous victim is brought back at that moment, so one node is down at a time): leaders follow
   * one another faster than any can bring the others up to date, each with some entries
   * replicated to some followers, and a paused leader resumed later sends its stale messages.
   * {@code seed} draws the delay of each move (0 to {@code maxDelayMs} after the new leader is
   * seen). Healing restarts or resumes the last victim. Applied by {@link LeaderChurn}.
   */
  record Churn(String mode, long maxDelayMs, long seed) implements Fault {
    public Churn {
      if (!mode.equals("kill") && !mode.equals("pause")) {
        throw new IllegalArgumentException("churn mode is kill or pause, was " + mode);
      }
    }

    public String startF() {
      return "start-churn";
    }

    public String healF() {
      return "stop-churn";
    }

    public Object toJson() {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("mode", mode);
      v.put("max-delay-ms", maxDelayMs);
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
