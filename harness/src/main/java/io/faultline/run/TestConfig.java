package io.faultline.run;

import io.faultline.nemesis.NemesisKind;
import io.faultline.workload.ValueMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test run's whole configuration, as written to {@code test.json}; with the seed it is enough
 * to repeat the run ({@link #command()} is the exact command line).
 */
public record TestConfig(
    String system,
    String runtime,
    int nodes,
    String workload,
    ValueMode values,
    Set<NemesisKind> nemeses,
    long nemesisIntervalMillis,
    List<String> partitionShapes,
    boolean partitionFlap,
    List<String> nemesisTargets,
    long timeLimitMillis,
    int concurrency,
    double rate,
    long seed,
    String readMode,
    String bug,
    List<Integer> requestTimeoutsMillis,
    long recoveryMillis,
    Path resultsRoot,
    Path nodeJar) {

  /** The longest duration any setting may have: 30 days (beyond it, milliseconds and nanoseconds overflow soon). */
  public static final double MAX_SECONDS = 30 * 24 * 3600;

  public TestConfig {
    partitionShapes = List.copyOf(partitionShapes);
    nemesisTargets = List.copyOf(nemesisTargets);
    requestTimeoutsMillis = List.copyOf(requestTimeoutsMillis);
    if (requestTimeoutsMillis.isEmpty()) {
      throw new IllegalArgumentException("at least one request timeout");
    }
  }

  /** The same test with another seed (the next run of {@code --test-count}). */
  public TestConfig withSeed(long newSeed) {
    return new TestConfig(system, runtime, nodes, workload, values, nemeses, nemesisIntervalMillis, partitionShapes,
        partitionFlap, nemesisTargets, timeLimitMillis, concurrency, rate, newSeed, readMode, bug,
        requestTimeoutsMillis, recoveryMillis, resultsRoot, nodeJar);
  }

  /** The same test under another nemesis: its kinds, interval, partition shapes, flapping and targets. */
  public TestConfig withNemesis(Set<NemesisKind> kinds, long intervalMillis, List<String> shapes, boolean flap,
      List<String> targets) {
    return new TestConfig(system, runtime, nodes, workload, values, kinds, intervalMillis, shapes, flap, targets,
        timeLimitMillis, concurrency, rate, seed, readMode, bug, requestTimeoutsMillis, recoveryMillis, resultsRoot,
        nodeJar);
  }

  /** The same test with another time limit for its client operations. */
  public TestConfig withTimeLimit(long millis) {
    return new TestConfig(system, runtime, nodes, workload, values, nemeses, nemesisIntervalMillis, partitionShapes,
        partitionFlap, nemesisTargets, millis, concurrency, rate, seed, readMode, bug, requestTimeoutsMillis,
        recoveryMillis, resultsRoot, nodeJar);
  }

  /**
   * The client timeout of worker {@code w}: the timeouts are dealt out in turn, so with {@code
   * 1000,8000} half the workers give up after 1 s and half wait 8 s, longer than the bundled
   * node's own 5 s, so the node's own "unknown" answers are exercised too.
   */
  public int requestTimeoutMillis(int worker) {
    return requestTimeoutsMillis.get(Math.floorMod(worker, requestTimeoutsMillis.size()));
  }

  /** The shortest client timeout: a bound for the harness's own admin calls. */
  public int shortestRequestTimeoutMillis() {
    return requestTimeoutsMillis.stream().mapToInt(Integer::intValue).min().orElseThrow();
  }

  /** {@code <system>-<workload>-<nemeses>}, the folder under {@code results/}. */
  public String testName() {
    return system + "-" + workload + "-" + NemesisKind.format(nemeses).replace(',', '+')
        + (bug == null ? "" : "-bug-" + bug);
  }

  /** The flags every node gets besides its addresses. */
  public List<String> nodeArgs() {
    List<String> args = new java.util.ArrayList<>(List.of("--protocol", system));
    if (readMode != null) {
      args.addAll(List.of("--read-mode", readMode));
    }
    if (bug != null) {
      args.addAll(List.of("--bug", bug));
    }
    return args;
  }

  /** The command that repeats this run. */
  public String command() {
    StringBuilder sb = new StringBuilder("./faultline test")
        .append(" --system ").append(system)
        .append(" --runtime ").append(runtime)
        .append(" --nodes ").append(nodes)
        .append(" --workload ").append(workload)
        .append(" --values ").append(values.cliName())
        .append(" --nemesis ").append(NemesisKind.format(nemeses))
        .append(" --nemesis-interval ").append(seconds(nemesisIntervalMillis));
    if (!partitionShapes.isEmpty()) {
      sb.append(" --partition-shapes ").append(String.join(",", partitionShapes));
    }
    if (partitionFlap) {
      sb.append(" --partition-flap");
    }
    if (!nemesisTargets.isEmpty()) {
      sb.append(" --nemesis-targets ").append(String.join(",", nemesisTargets));
    }
    sb
        .append(" --time-limit ").append(seconds(timeLimitMillis))
        .append(" --concurrency ").append(concurrency)
        .append(" --rate ").append(rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate))
        .append(" --request-timeout ").append(requestTimeoutsMillis.stream().map(String::valueOf)
            .collect(java.util.stream.Collectors.joining(",")))
        .append(" --recovery ").append(seconds(recoveryMillis))
        .append(" --seed ").append(seed);
    if (readMode != null) {
      sb.append(" --read-mode ").append(readMode);
    }
    if (bug != null) {
      sb.append(" --bug ").append(bug);
    }
    return sb.toString();
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
  }

  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("test-name", testName());
    json.put("system", system);
    json.put("runtime", runtime);
    json.put("nodes", nodes);
    json.put("workload", workload);
    json.put("values", values.cliName());
    json.put("nemesis", NemesisKind.format(nemeses));
    json.put("nemesis-interval-ms", nemesisIntervalMillis);
    json.put("partition-shapes", partitionShapes.isEmpty() ? "all" : String.join(",", partitionShapes));
    json.put("partition-flap", partitionFlap);
    json.put("nemesis-targets", nemesisTargets.isEmpty() ? "default" : String.join(",", nemesisTargets));
    json.put("time-limit-ms", timeLimitMillis);
    json.put("concurrency", concurrency);
    json.put("rate", rate);
    json.put("seed", seed);
    json.put("read-mode", readMode);
    json.put("bug", bug);
    json.put("request-timeout-ms", requestTimeoutsMillis);
    json.put("recovery-ms", recoveryMillis);
    json.put("command", command());
    Map<String, Object> versions = new LinkedHashMap<>();
    String v = TestConfig.class.getPackage().getImplementationVersion();
    versions.put("faultline", v == null ? "dev" : v);
    versions.put("java", System.getProperty("java.version"));
    versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    json.put("versions", versions);
    return json;
  }
}
