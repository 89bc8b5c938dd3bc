package io.faultline.report.sections;

import static io.faultline.report.Html.esc;

import io.faultline.checker.history.Op;
import io.faultline.checker.history.OpType;
import io.faultline.report.ReportWriter;
import io.faultline.report.RunReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The history around some evidence: every event (client and nemesis; on the evidence's key when it
 * has one) in the time window spanned by the evidence's operations plus a margin, the evidence's own rows highlighted, at most
 * {@value #MAX_ROWS} rows (those nearest the evidence), and a link that opens the timeline at that
 * window.
 */
final class HistoryWindow {
  static final int MAX_ROWS = 40;

  private HistoryWindow() {}

  /**
   * @param positions positions in the history list of the evidence's events
   * @param strong positions drawn as the culprit (e.g. the operation that cannot be linearised)
   */
  static void append(StringBuilder h, RunReport r, Set<Integer> positions, Set<Integer> strong) {
    append(h, r, positions, strong, null);
  }

  /** As above, listing only events on {@code key} (and nemesis events) when it is not null. */
  static void append(StringBuilder h, RunReport r, Set<Integer> positions, Set<Integer> strong, Object key) {
    List<Op> history = r.history();
    TreeSet<Integer> involved = new TreeSet<>();
    for (int p : positions) {
      if (p >= 0 && p < history.size()) {
        involved.add(p);
      }
    }
    if (involved.isEmpty()) {
      return;
    }
    // Evidence often names completions (a transaction's index); its invocation belongs to it too.
    for (int p : List.copyOf(involved)) {
      Op op = history.get(p);
      if (!op.isNemesis() && op.type() != OpType.INVOKE) {
        r.ops().stream().filter(pair -> pair.complete() == op).findFirst().ifPresent(pair -> {
          int at = (int) pair.invoke().index();
          if (at >= 0 && at < history.size() && history.get(at) == pair.invoke()) {
            involved.add(at);
          }
        });
      }
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int p : involved) {
      lo = Math.min(lo, history.get(p).time());
      hi = Math.max(hi, history.get(p).time());
    }
    long pad = Math.max(20_000_000L, (hi - lo) / 4);
    long from = Math.max(0, lo - pad);
    long to = hi + pad;
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      Op op = history.get(i);
      long t = op.time();
      boolean onKey = key == null || op.isNemesis() || key.equals(op.key()) || involved.contains(i);
      if (t >= from && t <= to && onKey) {
        rows.add(i);
      }
    }
    int total = rows.size();
    if (rows.size() > MAX_ROWS) {
      rows.sort(Comparator.comparingInt(i -> distance(involved, i)));
      rows = new ArrayList<>(rows.subList(0, MAX_ROWS));
      rows.sort(Comparator.naturalOrder());
    }
    StringBuilder marks = new StringBuilder();
    TreeSet<Long> invocations = new TreeSet<>();
    for (int p : involved) {
      if (!history.get(p).isNemesis() && history.get(p).type() == OpType.INVOKE) {
        invocations.add(history.get(p).index());
      }
    }
    for (long index : invocations) {
      marks.append(marks.length() == 0 ? "" : ",").append(index);
    }
    String window = String.format(Locale.ROOT, "%.3f,%.3f", from / 1e9, to / 1e9)
        + (marks.length() == 0 ? "" : "&amp;mark=" + marks);
    h.append("<h3>Surrounding history</h3><p class=muted>").append(rows.size()).append(" of the ").append(total)
        .append(key == null ? "" : " events on key " + esc(ReportWriter.compact(key)) + " and faults")
        .append(key == null ? " events" : "").append(" between ").append(String.format(Locale.ROOT, "%.3f s and %.3f s", from / 1e9, to / 1e9))
        .append(" (highlighted: the evidence's operations) · <a class=\"timeline-link\" href=\"")
        .append(ReportWriter.TIMELINE_HTML).append("#t=").append(window).append("\">open this window in the timeline</a></p>");
    h.append("<table class=\"surrounding\"><tr><th>index</th><th>time (s)</th><th>process</th><th>type</th><th>f</th>"
        + "<th>key</th><th>value</th><th>node / error</th></tr>");
    for (int i : rows) {
      Op op = history.get(i);
      String cls = strong.contains(i) ? "blocked" : involved.contains(i) ? "in-cx" : "";
      h.append("<tr class=\"").append(cls).append(' ').append(op.type().wireName()).append("\"><td>").append(op.index())
          .append("</td><td>").append(String.format(Locale.ROOT, "%.6f", op.time() / 1e9)).append("</td><td>")
          .append(op.isNemesis() ? "nemesis" : String.valueOf(op.process())).append("</td><td class=t>")
          .append(op.type().wireName()).append("</td><td>").append(esc(op.f())).append("</td><td>")
          .append(op.key() == null ? "" : esc(ReportWriter.compact(op.key()))).append("</td><td class=v><code>")
          .append(esc(ReportWriter.compact(op.value()))).append("</code></td><td>")
          .append(op.node() == null ? "" : esc(op.node())).append(op.error() == null ? "" : " " + esc(op.error()))
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  private static int distance(TreeSet<Integer> involved, int i) {
    Integer below = involved.floor(i);
    Integer above = involved.ceiling(i);
    int d = Integer.MAX_VALUE;
    if (below != null) {
      d = i - below;
    }
    if (above != null) {
      d = Math.min(d, above - i);
    }
    return d;
  }
}
