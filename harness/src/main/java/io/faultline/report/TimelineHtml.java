package io.faultline.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checker.history.JsonValues;
import io.faultline.checker.history.Op;
import io.faultline.report.CompletedOps.Pair;
import io.faultline.report.FaultIntervals.Interval;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code timeline.html}: every client operation on its lane (one lane per worker when the
 * concurrency is known — Jepsen's process {@code p} runs on worker {@code p mod concurrency} — else
 * one per process), drawn on a canvas that zooms (wheel, drag, buttons) to any time window, with
 * faults shaded and each operation's details on hover or click. One self-contained file: the data
 * is embedded as column arrays in a JSON script element ({@link Html#scriptJson}), the script is
 * inline, nothing is fetched, so it opens from a CI artifact. {@code #t=a,b} in the URL opens the
 * window from {@code a} to {@code b} seconds; {@code &mark=i,j} outlines the operations invoked at
 * history indices {@code i}, {@code j}.
 */
public final class TimelineHtml {
  /** Longest value text kept per operation; the full value is in history.jsonl. */
  static final int MAX_VALUE_CHARS = 160;
  private static final String SCRIPT = resource("timeline.js");

  private TimelineHtml() {}

  public static void write(Path file, String title, List<Pair> ops, List<Interval> faults, Integer concurrency)
      throws IOException {
    String data = Html.scriptJson(json(ops, faults, concurrency));
    StringBuilder h = new StringBuilder(data.length() + SCRIPT.length() + 4096);
    h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(Html.esc(title))
        .append(" — timeline</title><style>")
        .append("body{font:13px system-ui,sans-serif;margin:0;color:#1f2328}header{padding:6px 10px;background:#f6f8fa;"
            + "border-bottom:1px solid #d0d7de;position:sticky;top:0;z-index:2}header button{margin-right:4px}"
            + "header input{width:6em}#wrap{position:relative}canvas{display:block;width:100%}"
            + "#tip{position:fixed;pointer-events:none;background:#fff;border:1px solid #8c959f;border-radius:4px;"
            + "padding:4px 6px;font:12px monospace;white-space:pre;display:none;z-index:3;max-width:60em;overflow:hidden}"
            + "#pinned{font:12px monospace;white-space:pre-wrap;padding:4px 10px;min-height:1.4em;background:#fffbe6}"
            + ".muted{color:#57606a}.k{display:inline-block;width:12px;height:10px;margin:0 3px 0 10px;vertical-align:middle}")
        .append("</style></head><body><header><b>").append(Html.esc(title)).append("</b> · operations per ")
        .append(concurrency != null ? "worker" : "process")
        .append(" · <button id=zin>zoom in</button><button id=zout>zoom out</button><button id=all>all</button>"
            + "<button id=prev>◀ window</button><button id=next>window ▶</button>"
            + " from <input id=from> to <input id=to> s <button id=go>go</button>"
            + " <span class=k style=background:#2da44e></span>ok<span class=k style=background:#cf222e></span>fail"
            + "<span class=k style=background:#d4a017></span>info<span class=k style=background:#8c959f></span>pending"
            + " <span id=status></span><div class=muted>wheel: zoom at the cursor · drag: pan · hover: details · "
            + "click: pin details below</div></header><div id=pinned class=muted>click an operation to keep its details here</div><div id=wrap><canvas id=tl></canvas></div>"
            + "<div id=tip></div>")
        .append("<script type=\"application/json\" id=\"data\">").append(data).append("</script>")
        .append("<script>").append(SCRIPT).append("</script></body></html>\n");
    Files.writeString(file, h, StandardCharsets.UTF_8);
  }

  /** The embedded data: lane labels, f names, and one array per column of the operations. */
  static String json(List<Pair> ops, List<Interval> faults, Integer concurrency) throws IOException {
    ObjectMapper mapper = JsonValues.mapper();
    Map<Integer, Integer> laneOf = new java.util.TreeMap<>();
    for (Pair p : ops) {
      int process = p.invoke().process();
      laneOf.put(concurrency != null && concurrency > 0 ? Math.floorMod(process, concurrency) : process, 0);
    }
    List<String> laneNames = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : laneOf.entrySet()) {
      e.setValue(laneNames.size());
      laneNames.add((concurrency != null ? "w" : "p") + e.getKey());
    }
    Map<String, Integer> fIndex = new LinkedHashMap<>();
    long end = 0;
    for (Pair p : ops) {
      fIndex.putIfAbsent(p.invoke().f(), fIndex.size());
      end = Math.max(end, Math.max(p.invoke().time(), p.endNanos()));
    }
    for (Interval f : faults) {
      end = Math.max(end, f.endNanos());
    }
    StringWriter out = new StringWriter(ops.size() * 64);
    try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("end", end / 1000);
      g.writeObjectField("lanes", laneNames);
      g.writeObjectField("fs", new ArrayList<>(fIndex.keySet()));
      int n = ops.size();
      int[] lane = new int[n];
      int[] f = new int[n];
      int[] type = new int[n];
      long[] t0 = new long[n];
      long[] t1 = new long[n];
      int[] process = new int[n];
      for (int i = 0; i < n; i++) {
        Pair p = ops.get(i);
        Op inv = p.invoke();
        int pid = inv.process();
        lane[i] = laneOf.get(concurrency != null && concurrency > 0 ? Math.floorMod(pid, concurrency) : pid);
        f[i] = fIndex.get(inv.f());
        type[i] = switch (p.outcome()) {
          case OK -> 0;
          case FAIL -> 1;
          case INFO -> 2;
          case INVOKE -> 3;
        };
        t0[i] = inv.time() / 1000;
        t1[i] = p.complete() == null ? -1 : p.endNanos() / 1000;
        process[i] = pid;
      }
      g.writeFieldName("lane");
      g.writeArray(lane, 0, n);
      g.writeFieldName("f");
      g.writeArray(f, 0, n);
      g.writeFieldName("type");
      g.writeArray(type, 0, n);
      g.writeFieldName("t0");
      g.writeArray(t0, 0, n);
      g.writeFieldName("t1");
      g.writeArray(t1, 0, n);
      g.writeFieldName("p");
      g.writeArray(process, 0, n);
      g.writeArrayFieldStart("i"); // history index of the invocation
      for (Pair p : ops) {
        g.writeNumber(p.invoke().index());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("v");
      for (Pair p : ops) {
        g.writeString(text(mapper, p.shownValue()));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("k"); // "" when absent, like node and err
      for (Pair p : ops) {
        g.writeString(p.invoke().key() == null ? "" : text(mapper, p.invoke().key()));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("node");
      for (Pair p : ops) {
        Op c = p.complete();
        String node = c != null && c.node() != null ? c.node() : p.invoke().node();
        g.writeString(node == null ? "" : node);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("err");
      for (Pair p : ops) {
        g.writeString(p.complete() == null || p.complete().error() == null ? "" : p.complete().error());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("faults");
      for (Interval fault : faults) {
        g.writeStartArray();
        g.writeNumber(fault.startNanos() / 1000);
        g.writeNumber(fault.endNanos() / 1000);
        g.writeString(FaultIntervals.css(fault.kind(), 0.13));
        g.writeString(fault.label());
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toString();
  }

  private static String text(ObjectMapper mapper, Object value) throws IOException {
    String s = value instanceof String str ? str : mapper.writeValueAsString(value);
    return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS) + "…";
  }

  private static String resource(String name) {
    try (InputStream in = TimelineHtml.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside " + TimelineHtml.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
