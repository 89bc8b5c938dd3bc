package io.faultline.report;

import io.faultline.checker.history.Op;
import io.faultline.report.CompletedOps.Pair;
import io.faultline.report.FaultIntervals.Interval;
import io.faultline.report.NodeRoles.Sample;
import io.faultline.run.Judgement;
import java.util.List;
import java.util.Map;

/**
 * Everything one run's report is drawn from, derived once: the configuration, the checkers'
 * judgement, the history (on positions when it has no times: {@link Timestamps}) with its paired
 * operations and fault intervals, the nodes' status samples,
 * and the chart files that could be drawn (name → problem, null when drawn).
 */
public record RunReport(Map<String, Object> testJson, Judgement judgement, List<Op> history, boolean positionalTime,
    List<Pair> ops,
    List<Interval> faults, List<Sample> samples, Map<String, String> charts) {

  /** The history's last time, in nanoseconds. */
  public long endNanos() {
    long end = history.isEmpty() ? 0 : history.get(history.size() - 1).time();
    for (Sample s : samples) {
      end = Math.max(end, s.time());
    }
    return end;
  }

  /** The configured concurrency when test.json says, else null. */
  public Integer concurrency() {
    return testJson.get("concurrency") instanceof Number n && n.intValue() > 0 ? n.intValue() : null;
  }

  public String title() {
    Object name = testJson.get("test-name");
    return name == null ? "Faultline run" : String.valueOf(name);
  }
}
