package io.faultline.api;

import io.faultline.hunt.Hunt;
import io.faultline.hunt.HuntOutcome;
import io.faultline.hunt.NemesisPackage;
import io.faultline.hunt.NemesisPackages;
import io.faultline.nemesis.NemesisKind;
import io.faultline.nemesis.NemesisPlanner;
import io.faultline.run.EmbeddedToxiproxy;
import io.faultline.run.RunOutcome;
import io.faultline.run.TestConfig;
import io.faultline.run.TestRunner;
import io.faultline.runtime.docker.DockerLauncher;
import io.faultline.sut.SystemUnderTest;
import io.faultline.workload.ValueMode;
import io.faultline.workload.Workloads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A test's configuration, built fluently, then {@link #run()}. Defaults are the CLI's. Setters
 * reject bad values at once with an {@link IllegalArgumentException} naming the setter; {@code
 * run()} blocks for the whole run and returns its {@link TestResult}, or throws {@link
 * FaultlineException} when the harness itself fails. Not thread safe; one builder may run several
 * times (each run gets its own folder).
 */
public final class TestBuilder {
  private static final List<String> BUNDLED = List.of("raft", "paxos", "naive");
  /** A hunt attempt's length unless {@link #timeLimit} is set: shorter than a test, for more seeds per budget. */
  static final Duration HUNT_ATTEMPT = Duration.ofSeconds(30);

  private String system = "raft";
  private SystemUnderTest custom;
  private String runtime = "local";
  private int nodes = 5;
  private String workload = "cas-register";
  private Set<NemesisKind> nemeses = NemesisKind.parse("partition,clock");
  private Duration nemesisInterval = Duration.ofSeconds(10);
  private List<String> partitionShapes = List.of();
  private boolean partitionFlap;
  private List<String> nemesisTargets = List.of();
  private Duration timeLimit = Duration.ofSeconds(60);
  private int concurrency = 10;
  private double rate = 200;
  private Long seed;
  private String readMode;
  private String bug;
  private List<Duration> requestTimeouts = List.of(Duration.ofSeconds(1), Duration.ofSeconds(8));
  private ValueMode values = ValueMode.UNIQUE;
  private Duration recovery = Duration.ofSeconds(5);
  private Path resultsDir;
  private Path nodeJar;
  private PrintStream progress = System.err;
  /** Whether a nemesis setter was called: a hunt then keeps that nemesis instead of rotating packages. */
  private boolean nemesisGiven;
  private boolean timeLimitGiven;
  private List<NemesisPackage> huntPackages = NemesisPackages.ALL;
  private final List<RunListener> listeners = new ArrayList<>();

  TestBuilder() {}

  /** One of the bundled systems: {@code raft}, {@code paxos} or {@code naive}. */
  public TestBuilder system(String name) {
    if (!BUNDLED.contains(name)) {
      throw new IllegalArgumentException("system(\"" + name + "\"): unknown bundled system (allowed: "
          + String.join(", ", BUNDLED) + "; pass a SystemUnderTest for your own)");
    }
    this.system = name;
    this.custom = null;
    return this;
  }

  /** A system of your own: how to start its nodes, talk to them and tell they are up. */
  public TestBuilder system(SystemUnderTest system) {
    this.custom = Objects.requireNonNull(system, "system");
    this.system = system.name();
    return this;
  }

  public TestBuilder nodes(int n) {
    if (n < 1 || n > 15) {
      throw new IllegalArgumentException("nodes(" + n + "): must be 1..15 on the local runtime");
    }
    this.nodes = n;
    return this;
  }

  /**
   * {@code local}: child processes on 127.0.0.1 (any system); {@code docker}: the bundled KV node in
   * containers, as {@code faultline test --runtime docker} (needs a Docker daemon; images are built
   * locally, never pulled).
   */
  public TestBuilder runtime(String name) {
    if (!name.equals("local") && !name.equals("docker")) {
      throw new IllegalArgumentException("runtime(\"" + name + "\"): unknown runtime (allowed: local, docker)");
    }
    this.runtime = name;
    return this;
  }

  public TestBuilder workload(String name) {
    if (!Workloads.names().contains(name)) {
      throw new IllegalArgumentException("workload(\"" + name + "\"): unknown workload (allowed: "
          + String.join(", ", Workloads.names()) + ")");
    }
    this.workload = name;
    return this;
  }

  /** Fault kinds: {@code partition}, {@code kill}, {@code pause}, {@code clock}, {@code latency}, or {@code none}. */
  public TestBuilder nemesis(String... kinds) {
    try {
      this.nemeses = NemesisKind.parse(String.join(",", kinds));
      this.nemesisGiven = true;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("nemesis(" + String.join(", ", kinds) + "): " + e.getMessage(), e);
    }
    return this;
  }

  public TestBuilder nemesisInterval(Duration interval) {
    this.nemesisInterval = positive("nemesisInterval", interval);
    this.nemesisGiven = true;
    return this;
  }

  /** Partition shapes to draw from (see {@code --partition-shapes}); none given means all. */
  public TestBuilder partitionShapes(String... shapes) {
    this.partitionShapes = allOf("partitionShapes", "shape", shapes, NemesisPlanner.SHAPES);
    this.nemesisGiven = true;
    return this;
  }

  /** Move partitions from shape to shape without healing in between (see {@code --partition-flap}). */
  public TestBuilder partitionFlap(boolean flap) {
    this.partitionFlap = flap;
    this.nemesisGiven = true;
    return this;
  }

  /** The targets kill, pause and clock faults draw from (see {@code --nemesis-targets}); none given means the defaults. */
  public TestBuilder nemesisTargets(String... targets) {
    this.nemesisTargets = allOf("nemesisTargets", "target", targets, NemesisPlanner.TARGETS);
    this.nemesisGiven = true;
    return this;
  }

  public TestBuilder timeLimit(Duration limit) {
    this.timeLimit = positive("timeLimit", limit);
    this.timeLimitGiven = true;
    return this;
  }

  public TestBuilder concurrency(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("concurrency(" + workers + "): must be >= 1");
    }
    this.concurrency = workers;
    return this;
  }

  /** Operations per second, all workers together; 0 = unlimited. */
  public TestBuilder rate(double opsPerSecond) {
    if (!(opsPerSecond >= 0) || !Double.isFinite(opsPerSecond)) {
      throw new IllegalArgumentException("rate(" + opsPerSecond + "): must be a finite number >= 0");
    }
    this.rate = opsPerSecond;
    return this;
  }

  /** Repeats the same operations and fault schedule; random when not given. */
  public TestBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** The KV node's {@code --read-mode}: index, lease or local. */
  public TestBuilder readMode(String mode) {
    this.readMode = mode;
    return this;
  }

  /** A deliberately unsafe KV node mode ({@code --bug}), as a positive control. */
  public TestBuilder bug(String name) {
    this.bug = name;
    return this;
  }

  /** One client timeout for every worker (default: 1 s and 8 s dealt out in turn, see {@link #requestTimeouts}). */
  public TestBuilder requestTimeout(Duration timeout) {
    this.requestTimeouts = List.of(positive("requestTimeout", timeout));
    return this;
  }

  /**
   * Client timeouts dealt out to the workers in turn; a request that times out is an {@code info}.
   * Some longer than the system's own request timeout exercise its own "unknown" answers.
   */
  public TestBuilder requestTimeouts(Duration... timeouts) {
    if (timeouts.length == 0) {
      throw new IllegalArgumentException("requestTimeouts(): at least one timeout");
    }
    List<Duration> checked = new ArrayList<>();
    for (Duration d : timeouts) {
      checked.add(positive("requestTimeouts", d));
    }
    this.requestTimeouts = List.copyOf(checked);
    return this;
  }

  /** Register values: {@code unique} (default: every write new) or {@code small} (0–4). */
  public TestBuilder values(String mode) {
    try {
      this.values = ValueMode.parse(mode);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("values(\"" + mode + "\"): " + e.getMessage());
    }
    return this;
  }

  /** How long the cluster may recover after healing, before the final reads. */
  public TestBuilder recovery(Duration pause) {
    if (pause.isNegative() || pause.getSeconds() > TestConfig.MAX_SECONDS) {
      throw new IllegalArgumentException("recovery(" + pause + "): must be between 0 and 30 days");
    }
    this.recovery = pause;
    return this;
  }

  /** Where runs are stored; default {@code <repo>/results} ({@code -Dfaultline.root}) or {@code ./results}. */
  public TestBuilder resultsDir(Path dir) {
    this.resultsDir = dir.toAbsolutePath().normalize();
    return this;
  }

  /** The KV node program; default {@code -Dfaultline.nodeJar} or {@code <repo>/systems-under-test/target/kv-node.jar}. */
  public TestBuilder nodeJar(Path jar) {
    this.nodeJar = jar;
    return this;
  }

  /** Where progress lines go (default standard error). */
  public TestBuilder progress(PrintStream out) {
    this.progress = Objects.requireNonNull(out, "progress");
    return this;
  }

  public TestBuilder listener(RunListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * The nemesis packages a {@link #hunt} rotates through, in order (see {@code faultline hunt
   * --packages}); by default all of them.
   */
  public TestBuilder huntPackages(String... names) {
    try {
      this.huntPackages = NemesisPackages.parse(List.of(names));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("huntPackages(" + String.join(", ", names) + "): " + e.getMessage(), e);
    }
    return this;
  }

  /** The run's configuration as it will be written to {@code test.json}. */
  public TestConfig config() {
    long chosenSeed = seed != null ? seed : System.nanoTime() & 0xFFFF_FFFFL; // outermost shell: fine
    return new TestConfig(system, runtime, nodes, workload, values, nemeses, nemesisInterval.toMillis(),
        partitionShapes, partitionFlap, nemesisTargets, timeLimit.toMillis(), concurrency, rate, chosenSeed, readMode, bug,
        requestTimeouts.stream().map(d -> (int) d.toMillis()).toList(),
        recovery.toMillis(), resultsDir != null ? resultsDir : root().resolve("results"),
        nodeJar != null ? nodeJar : defaultNodeJar());
  }

  /** Runs the test through the CLI's runner; blocks until it is checked and reported. */
  public TestResult run() {
    TestConfig config = config();
    TestRunner runner;
    try {
      runner = runnerFor(config);
    } catch (FaultlineException e) {
      listeners.forEach(l -> l.failed(config.testName(), e, Duration.ZERO));
      throw e;
    }
    return runOnce(runner, config);
  }

  /**
   * Hunts for a bug, as {@code faultline hunt} does: runs this test again and again with fresh
   * seeds, rotating through the {@link #huntPackages} (or keeping the nemesis, when one of the
   * nemesis setters was called), until a run is invalid or {@code budget} is spent, start-up and
   * checking included. Each attempt runs {@link #timeLimit} (30 s unless set). The builder's
   * {@link #seed}, when set, is the hunt's seed: it draws every attempt's seed. Listeners hear of
   * every attempt.
   */
  public HuntResult hunt(Duration budget) {
    positive("hunt", budget);
    TestConfig base = config();
    if (!timeLimitGiven) {
      base = base.withTimeLimit(HUNT_ATTEMPT.toMillis());
    }
    TestRunner runner = runnerFor(base);
    List<TestResult> results = new ArrayList<>();
    Hunt hunt = new Hunt(base, nemesisGiven ? List.of() : huntPackages, budget, base.seed(), System::nanoTime,
        progress::println);
    try {
      HuntOutcome outcome = hunt.run(config -> {
        TestResult result = runOnce(runner, config);
        results.add(result);
        return new RunOutcome(result.runDir(), new io.faultline.run.Judgement(result.verdict(), result.checkers()));
      });
      return new HuntResult(results, outcome.elapsed(), outcome.huntSeed());
    } catch (FaultlineException e) {
      throw e;
    } catch (Exception e) {
      throw new FaultlineException(base.testName() + ": hunt failed: " + e.getMessage(), e);
    }
  }

  private TestRunner runnerFor(TestConfig config) {
    if (!runtime.equals("docker")) {
      return new TestRunner(EmbeddedToxiproxy::start, progress);
    }
    if (custom != null) {
      throw new FaultlineException("runtime(\"docker\") runs the bundled KV node only; run "
          + custom.name() + " with runtime(\"local\")");
    }
    DockerLauncher docker = new DockerLauncher(null, progress);
    try {
      docker.checkAvailable();
    } catch (IOException | RuntimeException e) {
      throw new FaultlineException(config.testName() + ": " + e.getMessage(), e);
    }
    return new TestRunner(docker, progress);
  }

  private TestResult runOnce(TestRunner runner, TestConfig config) {
    long start = System.nanoTime();
    try {
      RunOutcome outcome;
      if (custom != null) {
        outcome = runner.run(config, custom);
      } else {
        if (!Files.isRegularFile(config.nodeJar())) {
          throw new FaultlineException("node program not found at " + config.nodeJar()
              + " (build it: mvn -q -B -pl systems-under-test -am package -DskipTests, or set nodeJar(...))");
        }
        outcome = runner.run(config);
      }
      TestResult result = TestResult.of(config.testName(), config.command(), outcome,
          Duration.ofNanos(System.nanoTime() - start));
      listeners.forEach(l -> l.finished(result));
      return result;
    } catch (FaultlineException e) {
      listeners.forEach(l -> l.failed(config.testName(), e, since(start)));
      throw e;
    } catch (IOException | RuntimeException e) {
      FaultlineException failure = new FaultlineException(config.testName() + ": harness failed: " + e.getMessage(), e);
      listeners.forEach(l -> l.failed(config.testName(), failure, since(start)));
      throw failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      FaultlineException failure = new FaultlineException(config.testName() + ": interrupted", e);
      listeners.forEach(l -> l.failed(config.testName(), failure, since(start)));
      throw failure;
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** {@code values}, each checked against {@code allowed}; the error names the setter and the bad value. */
  private static List<String> allOf(String setter, String what, String[] values, List<String> allowed) {
    for (String value : values) {
      if (!allowed.contains(value)) {
        throw new IllegalArgumentException(setter + "(" + String.join(", ", values) + "): unknown " + what + " '"
            + value + "' (allowed: " + String.join(", ", allowed) + ")");
      }
    }
    return List.of(values);
  }

  private static Duration positive(String setter, Duration d) {
    if (d.isZero() || d.isNegative() || d.getSeconds() > TestConfig.MAX_SECONDS) {
      throw new IllegalArgumentException(setter + "(" + d + "): must be > 0 and at most 30 days");
    }
    return d;
  }

  static Path root() {
    String root = System.getProperty("faultline.root");
    return Path.of(root == null || root.isBlank() ? "." : root).toAbsolutePath().normalize();
  }

  private static Path defaultNodeJar() {
    String jar = System.getProperty("faultline.nodeJar");
    return jar != null && !jar.isBlank() ? Path.of(jar) : root().resolve("systems-under-test/target/kv-node.jar");
  }
}
