package io.faultline.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checker.history.JsonValues;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Samples every node's {@code GET /admin/status} during a run and appends one JSON line per sample
 * to {@code node-status.jsonl}: {@code {"time", "node", "role", "term", "leader"}} (plus
 * {@code "ledTerms"} when the node reports the terms it has led, {@code "durableTerm"} and
 * {@code "durableVote"} when it reports what it has made durable), with time in
 * nanoseconds on the history's clock (taken when the request was sent) and role {@code "down"}
 * when the node did not answer in time (killed, paused, partitioned from the harness). When the
 * node reports {@code appliedDigests} (checkpoints of its applied-log digest chain), the line
 * carries {@code "appliedDigests": [{"index", "digest"}, ...]} with the checkpoints not already
 * written for that node (possibly none): see {@link ReplicaAgreement}.
 *
 * <p>Each node has its own daemon thread, so a paused node (SIGSTOP: the connection opens but no
 * answer comes) delays only its own samples, by at most the status call's timeout, and nothing
 * ever waits on the sampler but {@link #close}, which is bounded too. Lines are flushed as they are
 * written, like the history, so a crash keeps what was observed.
 */
public final class NodeStatusSampler implements AutoCloseable {
  private static final ObjectMapper JSON = JsonValues.mapper();

  private final BufferedWriter out;
  private final List<String> nodes;
  private final Function<String, Optional<Map<String, Object>>> status;
  private final LongSupplier clock;
  private final LongConsumer sleeper;
  private final long intervalMillis;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<String, WrittenCheckpoints> written = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean running = true;
  private boolean closed;
  private IOException failure;

  /**
   * @param status a node's status map, or empty when it did not answer; must time out by itself
   * @param clock the history's clock (nanoseconds since the history started)
   * @param sleeper sleeps the given milliseconds; an interrupt ends the sampling
   */
  public NodeStatusSampler(Path file, List<String> nodes, Function<String, Optional<Map<String, Object>>> status,
      LongSupplier clock, LongConsumer sleeper, long intervalMillis) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    this.nodes = List.copyOf(nodes);
    this.status = status;
    this.clock = clock;
    this.sleeper = sleeper;
    this.intervalMillis = intervalMillis;
  }

  /** Starts one sampling thread per node; returns this. */
  public NodeStatusSampler start() {
    for (String node : nodes) {
      Thread t = new Thread(() -> loop(node), "faultline-status-" + node);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    return this;
  }

  private void loop(String node) {
    while (running && !Thread.currentThread().isInterrupted()) {
      long started = clock.getAsLong();
      sampleOnce(node);
      long spentMillis = (clock.getAsLong() - started) / 1_000_000;
      if (running && spentMillis < intervalMillis) {
        sleeper.accept(intervalMillis - spentMillis);
      }
    }
  }

  /** Takes one sample of {@code node} and appends it. */
  void sampleOnce(String node) {
    long time = clock.getAsLong();
    Optional<Map<String, Object>> s;
    try {
      s = status.apply(node);
    } catch (RuntimeException e) {
      s = Optional.empty();
    }
    Map<String, Object> line = line(time, node, s.orElse(null));
    s.flatMap(DigestCheckpoint::fromStatus).ifPresent(all ->
        line.put("appliedDigests", written.computeIfAbsent(node, n -> new WrittenCheckpoints()).unwritten(all)));
    write(line);
  }

  static Map<String, Object> line(long time, String node, Map<String, Object> status) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", time);
    line.put("node", node);
    if (status == null) {
      line.put("role", "down");
      line.put("term", null);
      line.put("leader", null);
    } else {
      line.put("role", status.get("role") == null ? "unknown" : String.valueOf(status.get("role")));
      line.put("term", status.get("term"));
      line.put("leader", status.get("leader"));
      if (status.get("ledTerms") != null) {
        line.put("ledTerms", status.get("ledTerms")); // terms it has led: see ElectionSafety
      }
      if (status.get("durableTerm") != null) { // what it made durable: see DurableStateCheck
        line.put("durableTerm", status.get("durableTerm"));
        line.put("durableVote", status.get("durableVote"));
      }
      DigestCheckpoint.fromStatus(status).ifPresent(all -> line.put("appliedDigests", all));
    }
    return line;
  }

  private synchronized void write(Map<String, Object> line) {
    if (closed || failure != null) {
      return;
    }
    try {
      out.write(JSON.writeValueAsString(line));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      failure = e; // the report loses its role timeline; the run itself goes on
    }
  }

  /**
   * Stops sampling: waits for each thread at most about one status timeout plus one interval, then
   * closes the file. Threads still blocked are daemons and write nothing after this returns.
   */
  @Override
  public void close() throws IOException {
    running = false;
    for (Thread t : threads) {
      t.interrupt();
    }
    try {
      for (Thread t : threads) {
        t.join(2_000 + intervalMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      closed = true;
      out.close();
    }
  }

  /** The first write failure, if any (the timeline in the report is then incomplete). */
  public synchronized Optional<IOException> failure() {
    return Optional.ofNullable(failure);
  }
}
