package io.faultline.cli;

import io.faultline.checker.CheckResult;
import io.faultline.junit.JunitRun;
import io.faultline.junit.JunitXmlWriter;
import io.faultline.nemesis.NemesisKind;
import io.faultline.nemesis.NemesisPlanner;
import io.faultline.run.EmbeddedToxiproxy;
import io.faultline.run.RunOutcome;
import io.faultline.run.TestConfig;
import io.faultline.run.TestRunner;
import io.faultline.runtime.docker.DockerLauncher;
import io.faultline.workload.ValueMode;
import io.faultline.workload.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags that describe one test run, shared by {@code faultline test} and {@code faultline hunt}
 * (a picocli mixin), with their validation: {@link #config()} turns them into a {@link TestConfig}
 * or refuses the first bad one with a message naming the flag.
 */
public final class TestOptions {
  static final List<String> SYSTEMS = List.of("raft", "paxos", "naive");
  static final List<String> RUNTIMES = List.of("local", "docker");
  static final List<String> READ_MODES = List.of("index", "lease", "local");

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--system", defaultValue = "raft", description = "raft, paxos or naive (default ${DEFAULT-VALUE})")
  String system;

  @Option(names = "--runtime", defaultValue = "local", description = "local or docker (default ${DEFAULT-VALUE})")
  String runtime;

  @Option(names = "--nodes", defaultValue = "5", description = "cluster size (default ${DEFAULT-VALUE})")
  int nodes;

  @Option(names = "--workload", defaultValue = "cas-register",
      description = "cas-register, register, set, list-append, rw-register (default ${DEFAULT-VALUE})")
  String workload;

  @Option(names = "--nemesis", defaultValue = "partition,clock",
      description = "comma-separated: partition, kill, pause, clock, latency, churn, or none (default ${DEFAULT-VALUE})")
  String nemesis;

  @Option(names = "--nemesis-interval", defaultValue = "10", description = "seconds between fault and heal (default ${DEFAULT-VALUE})")
  double nemesisInterval;

  @Option(names = "--partition-shapes", split = ",",
      description = "partition shapes to draw from: halves, isolate-one, isolate-leader, majorities-ring, bridge, "
          + "isolate-leader-pairs, leader-minority (default: all; the last two only from 5 nodes)")
  List<String> partitionShapes = List.of();

  @Option(names = "--partition-flap",
      description = "move from one partition straight to the next, healing only at the end (a flapping network)")
  boolean partitionFlap;

  @Option(names = "--nemesis-targets", split = ",",
      description = "the nodes kill, pause and clock faults hit, drawn from: one, minority, majority, all, leader "
          + "(default: all five for kill and pause; one, minority, leader for clock)")
  List<String> nemesisTargets = List.of();

  @Option(names = "--time-limit", defaultValue = "60", description = "seconds of client operations (default ${DEFAULT-VALUE})")
  double timeLimit;

  @Option(names = "--concurrency", defaultValue = "10", description = "client workers (default ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--rate", defaultValue = "200", description = "operations per second, all workers together; 0 = unlimited (default ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--seed", description = "random seed; repeats the same operations and fault schedule (default: random)")
  Long seed;

  @Option(names = "--read-mode", description = "node read mode: index, lease or local (default: the node's)")
  String readMode;

  @Option(names = "--bug", description = "a deliberately unsafe node mode (positive control)")
  String bug;

  @Option(names = "--request-timeout", defaultValue = "1000,8000", split = ",",
      description = "client request timeouts in ms, dealt out to the workers in turn; a timeout is an info "
          + "(default ${DEFAULT-VALUE}: half the workers wait longer than the bundled node's own 5 s)")
  List<Integer> requestTimeouts;

  @Option(names = "--values", defaultValue = "unique",
      description = "register values: unique (every write new, so each read names its write) or small (0-4) "
          + "(default ${DEFAULT-VALUE})")
  String values;

  @Option(names = "--recovery", defaultValue = "5", description = "seconds to let the cluster recover after healing, before final reads (default ${DEFAULT-VALUE})")
  double recovery;

  @Option(names = "--docker-base-image",
      description = "with --runtime docker: a local image with java to put the node jar on (default: FROM scratch + jlink)")
  String dockerBaseImage;

  @Option(names = "--results-dir", description = "where runs are stored (default: <repo>/results)")
  Path resultsDir;

  @Option(names = "--junit-xml", description = "also write the verdict as JUnit XML to this file (one test case per checker)")
  Path junitXml;

  /** The run's configuration from the flags; a bad flag is a {@link ParameterException} naming it. */
  TestConfig config() {
    oneOf("--system", system, SYSTEMS);
    oneOf("--runtime", runtime, RUNTIMES);
    oneOf("--workload", workload, Workloads.names());
    if (readMode != null) {
      oneOf("--read-mode", readMode, READ_MODES);
    }
    Set<NemesisKind> kinds;
    try {
      kinds = NemesisKind.parse(nemesis);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--nemesis: " + e.getMessage());
    }
    for (String shape : partitionShapes) {
      oneOf("--partition-shapes", shape, NemesisPlanner.SHAPES);
    }
    if (!kinds.contains(NemesisKind.PARTITION) && (partitionFlap || !partitionShapes.isEmpty())) {
      throw new ParameterException(spec.commandLine(), (partitionFlap ? "--partition-flap" : "--partition-shapes")
          + ": only applies to the partition nemesis, and --nemesis is '" + nemesis + "'");
    }
    for (String target : nemesisTargets) {
      oneOf("--nemesis-targets", target, NemesisPlanner.TARGETS);
    }
    if (!nemesisTargets.isEmpty() && kinds.stream().noneMatch(NemesisKind::targetsNodes)) {
      throw new ParameterException(spec.commandLine(),
          "--nemesis-targets: only applies to the kill, pause and clock nemeses, and --nemesis is '" + nemesis + "'");
    }
    positive("--nodes", nodes);
    positive("--concurrency", concurrency);
    for (int timeout : requestTimeouts) {
      positive("--request-timeout", timeout);
    }
    oneOf("--values", values, List.of("unique", "small"));
    if (nodes > 15) {
      throw new ParameterException(spec.commandLine(), "--nodes: at most 15 on the local runtime, was " + nodes);
    }
    seconds("--time-limit", timeLimit, 0.001);
    seconds("--nemesis-interval", nemesisInterval, 0.1);
    seconds("--recovery", recovery, 0);
    if (!(rate >= 0) || !Double.isFinite(rate)) {
      throw new ParameterException(spec.commandLine(), "--rate: must be a finite number >= 0, was " + rate);
    }
    writableFile("--junit-xml", junitXml);
    if (bug != null && bug.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--bug: empty name");
    }
    long chosenSeed = seed != null ? seed : randomSeed();
    return new TestConfig(system, runtime, nodes, workload, ValueMode.parse(values), kinds, (long) (nemesisInterval * 1000),
        partitionShapes, partitionFlap, nemesisTargets, (long) (timeLimit * 1000), concurrency, rate, chosenSeed, readMode, bug, requestTimeouts,
        (long) (recovery * 1000), Locations.resultsRoot(resultsDir), Locations.nodeJar());
  }

  private void oneOf(String flag, String value, List<String> allowed) {
    if (!allowed.contains(value)) {
      throw new ParameterException(spec.commandLine(),
          flag + ": unknown value '" + value + "' (allowed: " + String.join(", ", allowed) + ")");
    }
  }

  /** A duration flag in seconds: finite, at least {@code min}, at most {@link TestConfig#MAX_SECONDS}. */
  private void seconds(String flag, double value, double min) {
    if (!(value >= min) || !(value <= TestConfig.MAX_SECONDS)) {
      throw new ParameterException(spec.commandLine(), flag + ": must be between " + (min == 0 ? "0" : min)
          + " and " + (long) TestConfig.MAX_SECONDS + " seconds (30 days), was " + value);
    }
  }

  /**
   * A file the run will write at its end: refused now, before the run, if it could not be written
   * then. The check writes (and removes) a file beside it, creating its folder as the writer would.
   */
  private void writableFile(String flag, Path file) {
    if (file == null) {
      return;
    }
    Path absolute = file.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new ParameterException(spec.commandLine(), flag + ": " + file + " is a directory");
    }
    try {
      Path parent = Files.createDirectories(absolute.getParent());
      Files.delete(Files.createTempFile(parent, ".faultline-write-check", ".tmp"));
      if (Files.exists(absolute) && !Files.isWritable(absolute)) {
        throw new java.io.IOException("it is not writable");
      }
    } catch (java.io.IOException | RuntimeException e) {
      throw new ParameterException(spec.commandLine(), flag + ": " + file + " cannot be written ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
    }
  }

  void positive(String flag, int value) {
    if (value < 1) {
      throw new ParameterException(spec.commandLine(), flag + ": must be >= 1, was " + value);
    }
  }

  static long randomSeed() {
    return System.nanoTime() & 0xFFFF_FFFFL; // outermost shell: fine
  }

  /** The runner for the chosen runtime; with Docker, checks first that a daemon answers. */
  TestRunner runner() throws java.io.IOException {
    if (runtime.equals("docker")) {
      DockerLauncher docker = new DockerLauncher(dockerBaseImage, System.err);
      docker.checkAvailable(); // before a run folder is made: no Docker is one line, exit 3
      return new TestRunner(docker, System.err);
    }
    return new TestRunner(EmbeddedToxiproxy::start, System.err);
  }

  void writeJunit(List<JunitRun> runs) throws java.io.IOException {
    if (junitXml != null) {
      JunitXmlWriter.write(junitXml, runs, Instant.now());
    }
  }

  /** Whether the user gave this flag (rather than taking its default). */
  boolean given(String flag) {
    return spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption(flag);
  }

  void printSummary(RunOutcome outcome) {
    var out = spec.commandLine().getOut();
    out.println("verdict: " + switch (outcome.judgement().verdict()) {
      case VALID -> "VALID";
      case INVALID -> "INVALID";
      case UNKNOWN -> "UNKNOWN";
    });
    for (Map.Entry<String, CheckResult> e : outcome.judgement().results().entrySet()) {
      out.println("  " + e.getKey() + ": " + e.getValue().verdict().toJson() + Evidence.brief(e.getValue()));
    }
    out.println("report: " + outcome.runDir().resolve("index.html"));
  }
}
